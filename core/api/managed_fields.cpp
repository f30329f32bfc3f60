#include "core/api/managed_fields.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <vector>

#include "core/api/errors.h"
#include "core/api/object.h"

namespace kt::api {
namespace {

// A field path as fieldsV1 spells its elements: "f:spec", `k:{"name":"nginx"}`, `v:"a"`.
using Path = std::vector<std::string>;
using FieldSet = std::set<Path>;

// ---- field sets of objects --------------------------------------------------------------------

// The parts of an object no manager owns (kube's StripMetaManager and ResetFields).
Json strip_unowned(const Json& obj, bool has_status_subresource) {
  Json out = obj;
  out.erase("apiVersion");
  out.erase("kind");
  if (has_status_subresource) out.erase("status");
  if (out.contains("metadata") && out["metadata"].is_object()) {
    Json& m = out["metadata"];
    for (const char* k : {"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                          "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"})
      m.erase(k);
    if (m.empty()) out.erase("metadata");
  }
  return out;
}

std::string child_strategy_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::optional<patch::ListStrategy> list_strategy(const patch::Strategy& st, const std::string& spath) {
  return st ? st(spath) : std::nullopt;
}

std::string item_key(const std::string& merge_key, const Json& value) {
  Json k = Json::object();
  k[merge_key] = value;
  return "k:" + k.dump();
}

void collect(const Json& v, Path& path, const std::string& spath, const patch::Strategy& st, FieldSet& out);

// metav1.LabelSelector is an atomic struct: owned whole (`f:selector: {}`).
bool is_label_selector(const Json& v) {
  if (!v.is_object() || v.empty()) return false;
  for (auto it = v.begin(); it != v.end(); ++it)
    if (it.key() != "matchLabels" && it.key() != "matchExpressions") return false;
  return true;
}

void collect_value(const Json& v, Path& path, const std::string& spath, const patch::Strategy& st, FieldSet& out) {
  if (is_label_selector(v) && path.back() != "f:nodeSelector") {
    out.insert(path);
    return;
  }
  if (v.is_array()) {
    auto ls = list_strategy(st, spath);
    if (ls && !ls->merge_key.empty()) {
      for (const auto& item : v) {
        if (!item.is_object() || !item.contains(ls->merge_key)) continue;
        path.push_back(item_key(ls->merge_key, item.at(ls->merge_key)));
        out.insert(path);  // the item itself (".")
        collect(item, path, spath, st, out);
        path.pop_back();
      }
      return;
    }
    if (ls && ls->primitive_merge) {
      for (const auto& item : v) {
        path.push_back("v:" + item.dump());
        out.insert(path);
        path.pop_back();
      }
      return;
    }
    out.insert(path);  // an atomic list
    return;
  }
  collect(v, path, spath, st, out);
}

void collect(const Json& v, Path& path, const std::string& spath, const patch::Strategy& st, FieldSet& out) {
  if (!v.is_object() || v.empty()) {
    if (!path.empty()) out.insert(path);
    return;
  }
  for (auto it = v.begin(); it != v.end(); ++it) {
    path.push_back("f:" + it.key());
    collect_value(it.value(), path, child_strategy_path(spath, it.key()), st, out);
    path.pop_back();
  }
}

FieldSet fields_of(const Json& obj, bool has_status, const patch::Strategy& st) {
  FieldSet out;
  Path path;
  collect(strip_unowned(obj, has_status), path, "", st, out);
  return out;
}

// ---- navigating an object by path -------------------------------------------------------------

const Json* value_at(const Json& obj, const Path& path) {
  const Json* cur = &obj;
  for (const auto& e : path) {
    const std::string body = e.substr(2);
    if (e.rfind("f:", 0) == 0) {
      if (!cur->is_object() || !cur->contains(body)) return nullptr;
      cur = &cur->at(body);
    } else if (e.rfind("k:", 0) == 0) {
      if (!cur->is_array()) return nullptr;
      const Json key = Json::parse(body);
      const Json* found = nullptr;
      for (const auto& item : *cur)
        if (item.is_object() && key.is_object() && !key.empty() && item.contains(key.begin().key()) &&
            item.at(key.begin().key()) == key.begin().value())
          found = &item;
      if (!found) return nullptr;
      cur = found;
    } else if (e.rfind("v:", 0) == 0) {
      if (!cur->is_array()) return nullptr;
      const Json want = Json::parse(body);
      if (std::find(cur->begin(), cur->end(), want) == cur->end()) return nullptr;
      return cur;  // membership: the set itself
    } else {
      return nullptr;
    }
  }
  return cur;
}

// Removes what `path` names from `obj` (a field, a keyed item, a set member).
void erase_at(Json& obj, const Path& path) {
  if (path.empty()) return;
  Json* cur = &obj;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    const Json* next = value_at(*cur, Path{path[i]});
    if (!next) return;
    cur = const_cast<Json*>(next);  // `cur` is ours: value_at only navigated it
  }
  const std::string& last = path.back();
  const std::string body = last.substr(2);
  if (last.rfind("f:", 0) == 0) {
    if (cur->is_object()) cur->erase(body);
  } else if (last.rfind("k:", 0) == 0 && cur->is_array()) {
    const Json key = Json::parse(body);
    if (!key.is_object() || key.empty()) return;
    Json kept = Json::array();
    for (auto& item : *cur)
      if (!(item.is_object() && item.contains(key.begin().key()) && item.at(key.begin().key()) == key.begin().value()))
        kept.push_back(item);
    *cur = kept;
  } else if (last.rfind("v:", 0) == 0 && cur->is_array()) {
    const Json want = Json::parse(body);
    Json kept = Json::array();
    for (auto& item : *cur)
      if (item != want) kept.push_back(item);
    *cur = kept;
  }
}

// ".spec.containers[name=\"nginx\"].image": how conflicts name a path.
std::string path_string(const Path& path) {
  std::string out;
  for (const auto& e : path) {
    const std::string body = e.substr(2);
    if (e.rfind("f:", 0) == 0) {
      out += "." + body;
    } else if (e.rfind("k:", 0) == 0) {
      const Json key = Json::parse(body);
      std::string inner;
      for (auto it = key.begin(); it != key.end(); ++it)
        inner += (inner.empty() ? "" : ",") + it.key() + "=" + it.value().dump();
      out += "[" + inner + "]";
    } else {
      out += "[=" + body + "]";
    }
  }
  return out;
}

// ---- managedFields entries ----------------------------------------------------------------------

struct Entry {
  std::string manager, operation, api_version, time, subresource;
  FieldSet fields;
};

FieldSet parse_fields_v1(const Json& node) {
  FieldSet out;
  Path path;
  std::function<void(const Json&)> walk = [&](const Json& n) {
    if (!n.is_object()) return;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (it.key() == ".") {
        out.insert(path);
        continue;
      }
      path.push_back(it.key());
      if (it.value().is_object() && it.value().empty()) out.insert(path);
      else walk(it.value());
      path.pop_back();
    }
  };
  walk(node);
  return out;
}

Json fields_v1(const FieldSet& set) {
  Json root = Json::object();
  for (const Path& p : set) {
    Json* node = &root;
    for (const auto& e : p) {
      Json& child = (*node)[e];
      if (!child.is_object()) child = Json::object();
      node = &child;
    }
  }
  // Members that also have children carry ".".
  for (const Path& p : set) {
    Json* node = &root;
    for (const auto& e : p) node = &(*node)[e];
    if (!node->empty() && !node->contains(".")) (*node)["."] = Json::object();
  }
  return root;
}

std::vector<Entry> read_entries(const Json& obj) {
  std::vector<Entry> out;
  const Json& mf = field(obj, {"metadata", "managedFields"});
  if (!mf.is_array()) return out;
  for (const auto& e : mf) {
    Entry x;
    x.manager = e.value("manager", "");
    x.operation = e.value("operation", "");
    x.api_version = e.value("apiVersion", "");
    x.time = e.value("time", "");
    x.subresource = e.value("subresource", "");
    x.fields = parse_fields_v1(e.contains("fieldsV1") ? e.at("fieldsV1") : Json::object());
    out.push_back(std::move(x));
  }
  return out;
}

// kube's order: operation, time, manager, apiVersion, subresource.
void write_entries(Json& obj, std::vector<Entry> entries) {
  entries.erase(std::remove_if(entries.begin(), entries.end(), [](const Entry& e) { return e.fields.empty(); }),
                entries.end());
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& p, const Entry& q) {
    if (p.operation != q.operation) return p.operation < q.operation;
    if (p.time != q.time) return p.time < q.time;
    if (p.manager != q.manager) return p.manager < q.manager;
    if (p.api_version != q.api_version) return p.api_version < q.api_version;
    return p.subresource < q.subresource;
  });
  Json list = Json::array();
  for (const auto& e : entries) {
    Json j = Json::object();
    j["apiVersion"] = e.api_version;
    j["fieldsType"] = "FieldsV1";
    j["fieldsV1"] = fields_v1(e.fields);
    j["manager"] = e.manager;
    j["operation"] = e.operation;
    if (!e.subresource.empty()) j["subresource"] = e.subresource;
    j["time"] = e.time;
    list.push_back(std::move(j));
  }
  if (!obj["metadata"].is_object()) obj["metadata"] = Json::object();
  if (list.empty()) obj["metadata"].erase("managedFields");
  else obj["metadata"]["managedFields"] = list;
}

// printManager: `"kubectl-create" using apps/v1`, `"kubectl" with subresource "scale" using apps/v1`,
// `"manager-a"` for an Apply.
std::string manager_label(const Entry& e) {
  std::string s = Json(e.manager).dump();
  if (!e.subresource.empty()) s += " with subresource " + Json(e.subresource).dump();
  if (e.operation == "Update") s += " using " + e.api_version;
  return s;
}

bool is_item_node(const Path& p) { return !p.empty() && p.back().rfind("k:", 0) == 0; }

FieldSet minus(const FieldSet& a, const FieldSet& b) {
  FieldSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

}  // namespace

Json server_side_apply(const ApplyRequest& req) {
  if (req.manager.empty())
    throw ApiError::invalid("PatchOptions.meta.k8s.io", "",
                            {FieldError::required("fieldManager", "is required for apply patch")});
  const FieldSet applied = fields_of(req.applied, req.has_status_subresource, req.strategy);
  Entry mine{req.manager, "Apply", req.api_version, req.now, "", applied};

  if (!req.live) {
    Json obj = req.applied;
    write_entries(obj, {mine});
    return obj;
  }
  const Json& live = *req.live;
  std::vector<Entry> entries = read_entries(live);
  if (entries.empty())
    entries.push_back({"before-first-apply", "Update", req.api_version, req.now, "",
                       fields_of(live, req.has_status_subresource, req.strategy)});

  // Conflicts: fields others own that the configuration sets to another value.
  struct Conflict {
    std::string manager;
    Path path;
  };
  std::vector<Conflict> conflicts;
  FieldSet previous;
  for (auto& e : entries) {
    if (e.manager == req.manager && e.operation == "Apply" && e.subresource.empty()) {
      previous = e.fields;
      continue;
    }
    for (const Path& p : applied) {
      if (is_item_node(p) || !e.fields.count(p)) continue;
      const Json* want = value_at(req.applied, p);
      const Json* have = value_at(live, p);
      if (want && have && *want != *have) conflicts.push_back({manager_label(e), p});
    }
  }
  if (!conflicts.empty() && !req.force) {
    std::string message;
    if (conflicts.size() == 1) {
      message = "Apply failed with 1 conflict: conflict with " + conflicts[0].manager + ": " +
                path_string(conflicts[0].path);
    } else {
      std::map<std::string, std::vector<std::string>> by_manager;  // sorted, as kube sorts them
      for (const auto& c : conflicts) by_manager[c.manager].push_back(path_string(c.path));
      std::string lines;
      for (const auto& [manager, paths] : by_manager) {
        lines += (lines.empty() ? "" : "\n") + std::string("conflicts with ") + manager + ":";
        for (const auto& p : paths) lines += "\n- " + p;
      }
      message = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: " + lines;
    }
    Json causes = Json::array();
    for (const auto& c : conflicts) {
      Json cause = Json::object();
      cause["field"] = path_string(c.path);
      cause["message"] = "conflict with " + c.manager;
      cause["reason"] = "FieldManagerConflict";
      causes.push_back(cause);
    }
    Json details = Json::object();
    details["causes"] = causes;
    throw ApiError(409, "Conflict", message, details);
  }

  // Forced: the conflicting fields change hands.
  std::vector<Entry> kept;
  FieldSet others;
  for (auto& e : entries) {
    if (e.manager == req.manager && e.operation == "Apply" && e.subresource.empty()) continue;
    if (req.force)
      for (const auto& c : conflicts) e.fields.erase(c.path);
    others.insert(e.fields.begin(), e.fields.end());
    kept.push_back(std::move(e));
  }
  kept.push_back(mine);

  // What this manager applied before and dropped now goes, unless someone else owns it.
  Json obj = live;
  FieldSet dropped = minus(minus(previous, applied), others);
  std::vector<Path> order(dropped.begin(), dropped.end());
  std::sort(order.begin(), order.end(), [](const Path& a, const Path& b) { return a.size() > b.size(); });
  for (const Path& p : order) {
    erase_at(obj, p);
    // Maps left empty go too, as Go's omitempty drops them ("labels": {}).
    for (Path up(p.begin(), p.end() - 1); up.size() > 1; up.pop_back()) {
      const Json* v = value_at(obj, up);
      if (!v || !v->is_object() || !v->empty()) break;
      erase_at(obj, up);
    }
  }
  obj = patch::strategic_merge(obj, req.applied, req.strategy);
  write_entries(obj, std::move(kept));
  return obj;
}

void track_update(Json& updated, const Json& old, const std::string& manager, const std::string& api_version,
                  const std::string& subresource, const std::string& now, bool has_status_subresource,
                  const patch::Strategy& strategy) {
  std::vector<Entry> entries = read_entries(old);
  if (manager.empty() || entries.empty()) {
    if (!entries.empty()) updated["metadata"]["managedFields"] = old["metadata"]["managedFields"];
    return;
  }
  // A status write owns status fields; a main-resource write everything else.
  const bool status = subresource == "status";
  auto scope = [&](const Json& o) {
    if (!status) return fields_of(o, has_status_subresource, strategy);
    Json only = Json::object();
    if (o.contains("status")) only["status"] = o.at("status");
    return fields_of(only, false, strategy);
  };
  const FieldSet before = scope(old), after = scope(updated);
  FieldSet changed;
  for (const Path& p : after) {
    const Json* a = value_at(updated, p);
    const Json* b = value_at(old, p);
    if (!b || (a && *a != *b && !is_item_node(p))) changed.insert(p);
  }
  const FieldSet removed = minus(before, after);
  bool found = false;
  for (auto& e : entries) {
    for (const Path& p : removed) e.fields.erase(p);
    const bool same = e.manager == manager && e.operation == "Update" && e.subresource == subresource;
    if (same) {
      e.fields.insert(changed.begin(), changed.end());
      e.api_version = api_version;
      e.time = now;
      found = true;
    } else {
      for (const Path& p : changed) e.fields.erase(p);
    }
  }
  if (!found && !changed.empty()) entries.push_back({manager, "Update", api_version, now, subresource, changed});
  write_entries(updated, std::move(entries));
}

}  // namespace kt::api
