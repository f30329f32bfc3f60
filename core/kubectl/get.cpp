// `kubectl get`: tables (with -o wide, -A, --show-labels, -L, --sort-by,
// --no-headers, kind prefixes for several types) and the structured formats.
//
// -w/--watch-only/--output-watch-events: get_watch.cpp, after the same arguments.
//
// As kubectl: the objects found print first, the errors (NotFound, ...) after; a list
// with nothing in it prints "No resources found in <ns> namespace." (stderr).
#include <cctype>
#include <algorithm>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/kubectl/command.h"
#include "core/kubectl/get_watch.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/printers/table.h"
#include "core/printers/tabwriter.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct Found {
  const api::ResourceInfo* res;
  api::ObjectPtr obj;
};

// sortorder.NaturalLess: digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])), db = std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      std::size_t si = i, sj = j;
      while (si < a.size() && a[si] == '0') ++si;
      while (sj < b.size() && b[sj] == '0') ++sj;
      std::size_t ei = si, ej = sj;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      if (ei - si != ej - sj) return ei - si < ej - sj;
      int c = a.compare(si, ei - si, b, sj, ej - sj);
      if (c != 0) return c < 0;
      if (ei - i != ej - j) return ei - i < ej - j;  // fewer leading zeros first
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

bool value_less(const Json& a, const Json& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && !b.is_null();
  if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
  if (a.is_string() && b.is_string()) return natural_less(a.get<std::string>(), b.get<std::string>());
  if (a.is_boolean() && b.is_boolean()) return !a.get<bool>() && b.get<bool>();
  return go_sprint(a) < go_sprint(b);
}

// --sort-by: a stable sort on the first value the expression finds.
void sort_found(std::vector<Found>& found, const std::string& expr) {
  JsonPath p(relaxed_jsonpath(expr));
  auto key = [&](const Found& f) {
    auto r = p.find_results(*f.obj);
    return r.empty() || r[0].empty() ? Json() : r[0][0];
  };
  std::vector<std::pair<Json, Found>> keyed;
  for (auto& f : found) keyed.emplace_back(key(f), f);
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return value_less(x.first, y.first); });
  for (std::size_t i = 0; i < found.size(); ++i) found[i] = keyed[i].second;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::toupper);
  return s;
}

struct TableOptions {
  bool wide, with_kind, with_namespace, no_headers, show_labels;
  std::vector<std::string> label_columns;
};

// One run of objects of the same type: its header (unless --no-headers) and rows.
void add_table(Sandbox& sb, const api::ResourceInfo& res, const std::vector<api::ObjectPtr>& objs,
               const TableOptions& o, std::vector<std::vector<std::string>>& rows) {
  printers::Table t = printers::make_table(res, objs, sb.sim().now());
  const bool ns_column = o.with_namespace && res.namespaced;
  if (!o.no_headers) {
    std::vector<std::string> header;
    if (ns_column) header.push_back("NAMESPACE");
    for (const auto& c : t.columns)
      if (c.priority == 0 || o.wide) header.push_back(upper(c.name));
    for (const auto& l : o.label_columns) header.push_back(upper(l.substr(l.rfind('/') + 1)));
    if (o.show_labels) header.push_back("LABELS");
    rows.push_back(std::move(header));
  }
  for (const auto& r : t.rows) {
    std::vector<std::string> cells;
    if (ns_column) cells.push_back(api::meta::namespace_of(*r.object));
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].priority > 0 && !o.wide) continue;
      const Json& c = r.cells[i];
      std::string cell = c.is_string() ? c.get<std::string>() : c.dump();
      if (o.with_kind && t.columns[i].format == "name") cell = kind_name(res, cell);
      cells.push_back(std::move(cell));
    }
    const Json& labels = api::meta::labels(*r.object);
    for (const auto& l : o.label_columns)
      cells.push_back(labels.is_object() && labels.contains(l) ? labels[l].get<std::string>() : "");
    if (o.show_labels) cells.push_back(api::format_labels(labels));
    rows.push_back(std::move(cells));
  }
}

// get -w: one type, perhaps some of its objects by name (see get_watch.h).
CommandResult start_watch(Invocation& inv, const ResourceArgs& ra, const std::vector<std::string>& ref_namespaces,
                          const OutputFormat& fmt) {
  const ParsedArgs& a = inv.args;
  const api::ResourceInfo* res = ra.refs.front().res;
  for (const auto& ref : ra.refs)
    if (ref.res != res) return fail("error: you may only specify a single resource type\n");
  const bool all_ns = a.flag("all-namespaces");
  WatchRequest req;
  req.res = res;
  req.ns = res->namespaced && !all_ns ? (ref_namespaces.empty() ? inv.ns() : ref_namespaces.front()) : "";
  bool every = false;
  for (const auto& ref : ra.refs) {
    if (ref.name.empty()) {
      every = true;
      continue;
    }
    req.names.insert(ref.name);
    if (!inv.sb.api().try_get(*res, res->namespaced ? req.ns : "", ref.name))
      return fail(server_error(object_not_found(inv.sb.api(), *res, res->namespaced ? req.ns : "", ref.name)));
  }
  if (every) req.names.clear();
  req.selectors.label_selector = a.str("selector");
  req.selectors.field_selector = a.str("field-selector");
  req.fmt = fmt;
  req.watch_only = a.flag("watch-only");
  req.events = a.flag("output-watch-events");
  TableOptions o;
  o.wide = fmt.kind == OutputFormat::Kind::Wide;
  o.with_kind = false;
  o.with_namespace = all_ns;
  o.no_headers = a.flag("no-headers");
  o.show_labels = a.flag("show-labels");
  o.label_columns = a.list("label-columns");
  Sandbox& sb = inv.sb;
  req.table = [&sb, res, o](const std::vector<api::ObjectPtr>& objs, bool header) {
    TableOptions t = o;
    t.no_headers = o.no_headers || !header;
    std::vector<std::vector<std::string>> rows;
    add_table(sb, *res, objs, t, rows);
    return rows;
  };
  return watch_objects(sb, std::move(req));
}

CommandResult run_get(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string error;
  OutputFormat fmt = parse_output(a, true, error);
  if (!error.empty()) return fail(error);
  auto& api = inv.sb.api();
  ResourceArgs ra;
  std::vector<std::string> ref_namespaces;  // -f: each object's own namespace
  if (!a.list("filename").empty()) {
    Manifests m = read_manifests(inv.ctx, a.list("filename"), a.flag("recursive"));
    if (!m.error.empty()) return fail(m.error);
    for (const auto& item : m.items) {
      WriteTarget t = write_target(inv, item.object, item.source);
      if (!t.error.empty()) return fail(t.error);
      ra.refs.push_back({t.res, t.name});
      ref_namespaces.push_back(t.ns);
    }
  } else if (a.positional.empty()) {
    return fail(
        "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
        "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a "
        "detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and "
        "examples\n");
  } else {
    ra = resolve_resource_args(inv, a.positional);
    if (!ra.error.empty()) return fail(ra.error);
  }
  if (a.flag("watch") || a.flag("watch-only")) return start_watch(inv, ra, ref_namespaces, fmt);
  const bool all_ns = a.flag("all-namespaces");
  const std::string ns = inv.ns();
  const bool ignore_not_found = a.flag("ignore-not-found");

  std::vector<Found> found;
  std::string errors;
  // The types that answered (a list, even an empty one, or a found name): with more
  // than one, table rows name their kind ("service/web").
  std::vector<const api::ResourceInfo*> answered;
  for (std::size_t r = 0; r < ra.refs.size(); ++r) {
    const ResourceRef& ref = ra.refs[r];
    const std::string where = ref.res->namespaced && !all_ns ? ns : "";
    const std::string own_ns = r < ref_namespaces.size() ? ref_namespaces[r] : (ref.res->namespaced ? ns : "");
    try {
      if (!ref.name.empty()) {
        found.push_back({ref.res, api.get(*ref.res, own_ns, ref.name)});
        answered.push_back(ref.res);
      } else {
        api::ListOptions lo;
        lo.label_selector = a.str("selector");
        lo.field_selector = a.str("field-selector");
        for (auto& o : api.list(*ref.res, where, lo).items) found.push_back({ref.res, std::move(o)});
        answered.push_back(ref.res);
      }
    } catch (const api::ApiError& e) {
      if (!(ignore_not_found && e.reason() == "NotFound"))
        errors += server_error(ref.name.empty() ? e : with_missing_namespace(api, *ref.res, own_ns, e));
    }
  }

  const std::string sort_by = a.str("sort-by");
  if (fmt.kind != OutputFormat::Kind::Default && fmt.kind != OutputFormat::Kind::Wide) {
    std::vector<Found> all = found;
    if (!sort_by.empty()) {
      try {
        sort_found(all, sort_by);
      } catch (const JsonPathError& e) {
        return fail(std::string("error: ") + e.what() + "\n");
      }
    }
    const bool single = ra.refs.size() == 1 && !ra.refs[0].name.empty();
    if ((single || ignore_not_found) && all.empty()) return {errors, errors.empty() ? 0 : 1};
    std::vector<Json> items;
    // kubectl hides managedFields in -o yaml|json unless --show-managed-fields; a
    // jsonpath sees them.
    const bool hide = !a.flag("show-managed-fields") &&
                      (fmt.kind == OutputFormat::Kind::Yaml || fmt.kind == OutputFormat::Kind::Json);
    for (const auto& f : all) items.push_back(hide ? for_output(*f.obj) : *f.obj);
    Json obj = single && items.size() == 1 ? items[0] : make_list(items);
    std::string print_error;
    std::string out = print_structured(fmt, obj, print_error);
    errors = print_error + errors;
    return {out + errors, errors.empty() ? 0 : 1};
  }

  TableOptions o;
  o.wide = fmt.kind == OutputFormat::Kind::Wide;
  o.with_namespace = all_ns;
  o.no_headers = a.flag("no-headers");
  o.show_labels = a.flag("show-labels");
  o.label_columns = a.list("label-columns");
  o.with_kind = a.flag("show-kind");
  for (const auto* r : answered)
    if (r != answered.front()) o.with_kind = true;

  // Consecutive objects of one type share a table; a new type starts a new one,
  // after a blank line.
  std::string out;
  std::vector<std::vector<std::string>> rows;
  const api::ResourceInfo* current = nullptr;
  std::vector<Found> group;
  auto flush = [&] {
    if (group.empty()) return;
    if (!sort_by.empty()) sort_found(group, sort_by);
    std::vector<api::ObjectPtr> objs;
    for (const auto& g : group) objs.push_back(g.obj);
    add_table(inv.sb, *group.front().res, objs, o, rows);
    group.clear();
  };
  try {
    for (const auto& f : found) {
      if (f.res != current && current) {
        flush();
        out += printers::tabwrite(rows);
        rows.clear();
        if (!o.no_headers) out += "\n";
      }
      current = f.res;
      group.push_back(f);
    }
    flush();
  } catch (const JsonPathError& e) {
    return fail(std::string("error: ") + e.what() + "\n");
  }
  out += printers::tabwrite(rows);
  if (found.empty() && errors.empty() && !ignore_not_found) {
    bool namespaced = !all_ns;
    for (const auto& ref : ra.refs) namespaced = namespaced && ref.res->namespaced;
    out = namespaced ? "No resources found in " + ns + " namespace.\n" : "No resources found\n";
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Command get_command() {
  std::vector<FlagSpec> f = output_flags();
  auto more = filename_flags();
  f.insert(f.end(), more.begin(), more.end());
  f.insert(f.end(), {{"selector", 'l', K::String, ""},
                     {"field-selector", 0, K::String, ""},
                     {"all-namespaces", 'A', K::Bool, "false"},
                     {"show-labels", 0, K::Bool, "false"},
                     {"label-columns", 'L', K::StringList, "[]"},
                     {"sort-by", 0, K::String, ""},
                     {"no-headers", 0, K::Bool, "false"},
                     {"watch", 'w', K::Bool, "false"},
                     {"watch-only", 0, K::Bool, "false"},
                     {"output-watch-events", 0, K::Bool, "false"},
                     {"chunk-size", 0, K::Int, "500"},
                     {"ignore-not-found", 0, K::Bool, "false"},
                     {"show-kind", 0, K::Bool, "false"},
                     {"server-print", 0, K::Bool, "true"},
                     {"subresource", 0, K::String, ""},
                     {"raw", 0, K::String, ""}});
  return {"get", f, run_get, {}, {"raw", "subresource", "kustomize", "server-print"}};
}

}  // namespace kt::kubectl
