// The plaintext template of kubectl v1.32's explain, as C++ (see explain_render.h).
// Each function is one of the template's named blocks, with its quirks kept: the
// DESCRIPTION block keeps the description's own line breaks (so it ends in an
// indented empty line), "enum:" lines show at most four values, and a field path that
// is not found is reported by its last element.
#include "core/kubectl/explain_render.h"

#include <set>

namespace kt::kubectl {
namespace {

const std::string kRefPrefix = "#/components/schemas/";

struct Renderer {
  const Json& schemas;
  bool incomplete = false;

  // Go templates' truth: non-empty strings, lists and maps, true, non-zero numbers.
  static bool truthy(const Json* j) {
    if (!j || j->is_null()) return false;
    if (j->is_string()) return !j->get_ref<const std::string&>().empty();
    if (j->is_object() || j->is_array()) return !j->empty();
    if (j->is_boolean()) return j->get<bool>();
    if (j->is_number()) return j->get<double>() != 0;
    return false;
  }
  static const Json* get(const Json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
  }
  static std::string ref_of(const Json& s) {
    const Json* r = get(s, "$ref");
    return r && r->is_string() ? r->get<std::string>() : "";
  }
  // resolveRef: the schema a reference names; nullptr (and a note) when not carried.
  const Json* resolve(const std::string& ref) {
    if (ref.empty()) return nullptr;
    if (ref.rfind(kRefPrefix, 0) != 0) return nullptr;
    auto it = schemas.find(ref.substr(kRefPrefix.size()));
    if (it == schemas.end()) {
      incomplete = true;
      return nullptr;
    }
    return &*it;
  }
  // `or (resolveRef $ref) $.schema`
  const Json& resolved(const Json& s) {
    const Json* r = resolve(ref_of(s));
    return truthy(r) ? *r : s;
  }
  static const Json* map_values(const Json& s) {
    const Json* ap = get(s, "additionalProperties");
    return truthy(ap) && ap->is_object() ? ap : nullptr;
  }

  static std::string indent(std::size_t n, const std::string& s) {
    const std::string pad(n, ' ');
    std::string out = pad;
    for (char c : s) {
      out += c;
      if (c == '\n') out += pad;
    }
    return out;
  }

  std::string type_guess(const Json& s) {
    if (const Json* items = get(s, "items"); truthy(items)) return "[]" + type_guess(*items);
    if (const Json* ap = map_values(s)) return "map[string]" + type_guess(*ap);
    const Json* all_of = get(s, "allOf");
    if (truthy(all_of) && !truthy(get(s, "properties")) && all_of->size() == 1) return type_guess((*all_of)[0]);
    const std::string ref = ref_of(s);
    if (!ref.empty()) {
      // A referenced object reads as its type's name; so does a reference the sandbox
      // does not carry (naming the type needs no more than the reference).
      const Json* target = ref.rfind(kRefPrefix, 0) == 0 && schemas.contains(ref.substr(kRefPrefix.size()))
                               ? &schemas[ref.substr(kRefPrefix.size())]
                               : nullptr;
      const Json* type = target ? get(*target, "type") : nullptr;
      if (!target || !truthy(type) || *type == "object") {
        std::string name = ref.substr(ref.rfind('/') + 1);
        name = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
        return name.empty() ? "Object" : name;
      }
      return type->get<std::string>();
    }
    const Json* type = get(s, "type");
    if (!truthy(type)) return "Object";
    if (*type == "object") return "Object";
    return type->get<std::string>();
  }

  static std::string extract_enum(const Json& s, bool long_view, int limit, std::size_t indent_amount) {
    const Json* values = get(s, "enum");
    if (!truthy(values)) return "";
    std::string out = long_view ? "ENUM:" : "\n" + std::string(indent_amount, ' ') + "enum: ";
    int i = 0;
    for (const auto& v : *values) {
      if (limit > -1 && i >= limit) {
        out += ", ....";
        break;
      }
      if (i > 0 && !long_view) out += ", ";
      else if (long_view) out += "\n    ";
      if (v.is_string()) out += v.get<std::string>().empty() ? "\"\"" : v.get<std::string>();
      else out += v.dump();
      ++i;
    }
    return out;
  }

  std::string field_detail(const std::string& name, const Json& parent, bool short_view, int level) {
    const std::size_t ind = static_cast<std::size_t>(level) * 2;
    const Json& field = parent["properties"][name];
    std::string out = indent(ind, name) + "\t<" + type_guess(field) + ">";
    if (const Json* req = get(parent, "required"); req && req->is_array())
      for (const auto& r : *req)
        if (r == name) {
          out += " -required-";
          break;
        }
    out += extract_enum(field, false, 4, ind);
    out += "\n";
    if (!short_view) {
      const Json* d = get(field, "description");
      const std::string text = truthy(d) ? d->get<std::string>() : "<no description>";
      out += indent(ind + 2, word_wrap(text, 78 - ind)) + "\n";
      out += "\n";
    }
    return out;
  }

  std::string field_list(const Json& s, int level, std::set<std::string> history, bool recursive) {
    const std::string ref = ref_of(s);
    if (!ref.empty() && history.count(ref)) return "";
    history.insert(ref);
    const Json& r = resolved(s);
    std::string out;
    if (const Json* props = get(r, "properties"); props && props->is_object()) {
      for (const auto& [k, v] : props->items()) {
        out += field_detail(k, r, recursive, level);
        if (recursive) out += field_list(v, level + 1, history, recursive);
      }
    }
    if (const Json* all_of = get(r, "allOf"); all_of && all_of->is_array())
      for (const auto& a : *all_of) out += field_list(a, level, history, recursive);
    if (const Json* items = get(r, "items"); truthy(items)) out += field_list(*items, level, history, recursive);
    if (const Json* ap = map_values(r)) out += field_list(*ap, level, history, recursive);
    return out;
  }

  std::string description(const Json& s) {
    const Json* target = resolve(ref_of(s));
    const Json& r = truthy(target) ? *target : s;
    if (!truthy(&r)) return "";
    std::string out;
    if (const Json* d = get(r, "description"); truthy(d)) out += d->get<std::string>() + "\n";
    if (const Json* all_of = get(r, "allOf"); all_of && all_of->is_array())
      for (const auto& a : *all_of) out += description(a);
    if (const Json* items = get(r, "items"); truthy(items)) out += description(*items);
    if (const Json* ap = map_values(r)) out += description(*ap);
    return out;
  }

  std::string output(const Json& s, const std::vector<std::string>& path, std::size_t at,
                     std::set<std::string> history, bool recursive) {
    const std::string ref = ref_of(s);
    std::set<std::string> next = history;
    next.insert(ref);
    const Json& r = resolved(s);
    if (at == path.size()) {
      std::string d = description(r);
      std::string out = "DESCRIPTION:\n" + indent(4, word_wrap(d.empty() ? "<empty>" : d, 76)) + "\n";
      std::string fields = field_list(r, 1, {}, recursive);
      if (!fields.empty()) out += "FIELDS:\n" + fields;
      return out;
    }
    if (!ref.empty() && history.count(ref)) return "";
    const Json* props = get(r, "properties");
    if (truthy(props) && props->contains(path[at])) {
      const Json& sub = (*props)[path[at]];
      std::string out;
      if (at + 1 == path.size())
        out += "FIELD: " + path[at] + " <" + type_guess(sub) + ">\n" + extract_enum(sub, true, -1, 0) + "\n\n";
      return out + output(sub, path, at + 1, {}, recursive);
    }
    if (const Json* items = get(r, "items"); truthy(items)) return output(*items, path, at, next, recursive);
    if (const Json* ap = map_values(r)) return output(*ap, path, at, next, recursive);
    if (const Json* all_of = get(r, "allOf"); all_of && all_of->is_array())
      for (const auto& a : *all_of) {
        std::string o = output(a, path, at, next, recursive);
        if (!o.empty()) return o;
      }
    return "";
  }
};

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

}  // namespace

std::string word_wrap(const std::string& s, std::size_t limit) {
  std::string buf, word, space;
  std::size_t current = 0, word_len = 0, space_len = 0;
  auto flush = [&] {
    current += space_len + word_len;
    buf += space;
    buf += word;
    space.clear();
    word.clear();
    space_len = word_len = 0;
  };
  for (std::size_t i = 0; i < s.size();) {
    // One UTF-8 character at a time; lengths count characters, as Go's runes.
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    if (i + n > s.size()) n = s.size() - i;
    const std::string ch = s.substr(i, n);
    i += n;
    if (ch == "\n") {
      if (word.empty()) {
        if (current + space_len <= limit) buf += space;
        space.clear();
        space_len = 0;
      } else {
        flush();
      }
      buf += '\n';
      current = 0;
    } else if (n == 1 && is_space(c)) {
      if (space.empty() || !word.empty()) flush();
      space += ch;
      ++space_len;
    } else {
      word += ch;
      ++word_len;
      if (current + space_len + word_len > limit && word_len < limit) {
        buf += '\n';
        current = 0;
        space.clear();
        space_len = 0;
      }
    }
  }
  if (word.empty()) {
    if (current + space_len <= limit) buf += space;
  } else {
    buf += space;
    buf += word;
  }
  return buf;
}

ExplainResult render_explain(const Json& schemas, const std::string& root, const std::string& group,
                             const std::string& version, const std::string& kind,
                             const std::vector<std::string>& field_path, bool recursive) {
  ExplainResult res;
  if (!group.empty()) res.out += "GROUP:      " + group + "\n";
  res.out += "KIND:       " + kind + "\n";
  res.out += "VERSION:    " + version + "\n\n";
  Renderer r{schemas};
  std::string body = r.output(schemas[root], field_path, 0, {}, recursive);
  res.incomplete = r.incomplete;
  if (body.empty()) {
    res.error = "error: field \"" + (field_path.empty() ? std::string() : field_path.back()) + "\" does not exist\n";
    return res;
  }
  res.out += body + "\n";
  return res;
}

}  // namespace kt::kubectl
