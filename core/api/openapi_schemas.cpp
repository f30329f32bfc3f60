// Loads core/api/openapi_schemas_*.inc into OpenAPI v3 schemas.
//
// Each .inc file is one raw string literal; they are read one after another as one text.
// The data is text, one schema after another:
//   = NAME [type=T] [gvk=GROUP/VERSION/KIND]...   a schema (type defaults to object;
//                                                 type=int-or-string, type=quantity: the oneOf
//                                                 of IntOrString and of Quantity)
//   description lines
//   @ FIELD TYPE [required]                         a property of the schema above
//   description lines
// A description runs to the next `=` or `@` line; its lines are joined with "\n" as
// the spec's own text has them (blank lines included, trailing blank lines dropped).
// TYPE is string, integer, number, boolean, object (free-form), a schema NAME (a
// reference), []TYPE or map[string]TYPE. A string field whose description ends in
// openapi-gen's "Possible enum values:" list gets that list as its "enum", in order.
#include "core/api/openapi_schemas.h"

#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace kt::api {
namespace {

constexpr std::string_view kData =
#include "core/api/openapi_schemas_data.inc"
#include "core/api/openapi_schemas_meta.inc"
#include "core/api/openapi_schemas_config.inc"
#include "core/api/openapi_schemas_networking.inc"
#include "core/api/openapi_schemas_services.inc"
#include "core/api/openapi_schemas_apps.inc"
#include "core/api/openapi_schemas_batch.inc"
#include "core/api/openapi_schemas_storage.inc"
#include "core/api/openapi_schemas_autoscaling.inc"
#include "core/api/openapi_schemas_events.inc"
#include "core/api/openapi_schemas_container.inc"
#include "core/api/openapi_schemas_quantity.inc"
#include "core/api/openapi_schemas_status.inc"
#include "core/api/openapi_schemas_podspec.inc"
#include "core/api/openapi_schemas_affinity.inc"
    ;

const std::string kRefPrefix = "#/components/schemas/";

bool is_primitive(const std::string& t) {
  return t == "string" || t == "integer" || t == "number" || t == "boolean" || t == "object";
}

// An array's items or a map's values: what openapi-gen writes for them.
Json element(const std::string& t) {
  if (t.rfind("[]", 0) == 0) return Json{{"type", "array"}, {"items", element(t.substr(2))}};
  if (t.rfind("map[string]", 0) == 0) {
    // A map's values reference their schema directly; list items and fields wrap it in allOf.
    const std::string v = t.substr(11);
    Json values = element(v);
    if (!is_primitive(v) && v.rfind("[]", 0) != 0 && v.rfind("map[", 0) != 0) {
      values = Json::object();
      values["$ref"] = kRefPrefix + v;
    }
    return Json{{"type", "object"}, {"additionalProperties", values}};
  }
  if (is_primitive(t)) return Json{{"type", t}};
  Json ref = Json::object();
  ref["$ref"] = kRefPrefix + t;
  Json out = Json::object();
  out["allOf"] = Json::array({ref});
  return out;
}

// " - `\"Always\"` means ..." lines after "Possible enum values:".
Json enum_values(const std::string& description) {
  Json out = Json::array();
  const std::string marker = "\nPossible enum values:\n";
  std::size_t pos = description.find(marker);
  if (pos == std::string::npos) return out;
  pos += marker.size();
  while (pos < description.size()) {
    std::size_t end = description.find('\n', pos);
    if (end == std::string::npos) end = description.size();
    std::string_view line(description.data() + pos, end - pos);
    if (line.rfind(" - `\"", 0) == 0) {
      // The value starts after the five characters " - `\"" and runs to the closing "\"`".
      std::size_t close = line.find("\"`", 5);
      if (close != std::string_view::npos) out.push_back(std::string(line.substr(5, close - 5)));
    }
    pos = end + 1;
  }
  return out;
}

Json property(const std::string& t, const std::string& description) {
  Json p = element(t);
  if (!description.empty()) p["description"] = description;
  if (t == "string") {
    Json e = enum_values(description);
    if (!e.empty()) p["enum"] = e;
  }
  return p;
}

std::vector<std::string> words(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    if (j > i) out.emplace_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

struct Loader {
  Json schemas = Json::object();
  std::string name, field, field_type;
  bool field_required = false;
  std::vector<std::string> text;

  std::string take_text() {
    while (!text.empty() && text.back().empty()) text.pop_back();
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) out += (i ? "\n" : "") + text[i];
    text.clear();
    return out;
  }

  // Closes the field or schema header whose description was being read.
  void flush() {
    if (name.empty()) return;
    Json& s = schemas[name];
    if (field.empty()) {
      std::string d = take_text();
      if (!d.empty()) s["description"] = d;
      return;
    }
    s["properties"][field] = property(field_type, take_text());
    if (field_required) s["required"].push_back(field);
    field.clear();
  }

  void line(std::string_view l) {
    if (l.rfind("= ", 0) == 0) {
      flush();
      auto w = words(l.substr(2));
      name = w.empty() ? "" : w[0];
      Json s = Json::object();
      s["type"] = "object";
      for (std::size_t i = 1; i < w.size(); ++i) {
        if (w[i].rfind("type=", 0) == 0) s["type"] = w[i].substr(5);
        if (w[i].rfind("gvk=", 0) == 0) {
          std::string g = w[i].substr(4);
          std::size_t a = g.find('/'), b = g.rfind('/');
          Json gvk = Json::object();
          gvk["group"] = g.substr(0, a);
          gvk["kind"] = g.substr(b + 1);
          gvk["version"] = g.substr(a + 1, b - a - 1);
          s["x-kubernetes-group-version-kind"].push_back(gvk);
        }
      }
      const std::string type = s["type"].get<std::string>();
      if (type == "int-or-string" || type == "quantity") {
        // openapi-gen writes these two with no type: IntOrString with a format and oneOf
        // integer or string, Quantity with oneOf string or number.
        s.erase("type");
        if (type == "int-or-string") s["format"] = "int-or-string";
        Json one_of = Json::array();
        for (const char* t : type == "quantity" ? std::vector<const char*>{"string", "number"}
                                                : std::vector<const char*>{"integer", "string"}) {
          Json alt = Json::object();
          alt["type"] = t;
          one_of.push_back(alt);
        }
        s["oneOf"] = one_of;
      }
      schemas[name] = s;
      return;
    }
    if (l.rfind("@ ", 0) == 0) {
      flush();
      auto w = words(l.substr(2));
      field = w.size() > 0 ? w[0] : "";
      field_type = w.size() > 1 ? w[1] : "object";
      field_required = w.size() > 2 && w[2] == "required";
      return;
    }
    text.emplace_back(l);
  }
};

Json load() {
  Loader loader;
  std::size_t pos = 0;
  while (pos < kData.size()) {
    std::size_t end = kData.find('\n', pos);
    if (end == std::string_view::npos) end = kData.size();
    std::string_view l = kData.substr(pos, end - pos);
    if (!(l.rfind("#", 0) == 0 && loader.name.empty())) loader.line(l);
    pos = end + 1;
  }
  loader.flush();
  return loader.schemas;
}

void collect_refs(const Json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    auto it = j.find("$ref");
    if (it != j.end() && it->is_string()) {
      const std::string& r = it->get_ref<const std::string&>();
      if (r.rfind(kRefPrefix, 0) == 0) out.push_back(r.substr(kRefPrefix.size()));
    }
    for (const auto& [k, v] : j.items()) collect_refs(v, out);
  } else if (j.is_array()) {
    for (const auto& v : j) collect_refs(v, out);
  }
}

}  // namespace

const Json& openapi_schemas() {
  static const Json schemas = load();
  return schemas;
}

std::string openapi_schema_for(const std::string& group, const std::string& version, const std::string& kind) {
  for (const auto& [name, s] : openapi_schemas().items()) {
    auto it = s.find("x-kubernetes-group-version-kind");
    if (it == s.end()) continue;
    for (const auto& g : *it)
      if (g.value("group", "") == group && g.value("version", "") == version && g.value("kind", "") == kind)
        return name;
  }
  return "";
}

Json openapi_schema_closure(const std::vector<std::string>& roots) {
  const Json& all = openapi_schemas();
  Json out = Json::object();
  std::vector<std::string> todo = roots;
  while (!todo.empty()) {
    std::string n = todo.back();
    todo.pop_back();
    if (out.contains(n) || !all.contains(n)) continue;
    out[n] = all[n];
    collect_refs(all[n], todo);
  }
  return out;
}

const Json* openapi_resolve_ref(const std::string& ref) {
  if (ref.rfind(kRefPrefix, 0) != 0) return nullptr;
  const Json& all = openapi_schemas();
  auto it = all.find(ref.substr(kRefPrefix.size()));
  return it == all.end() ? nullptr : &*it;
}

}  // namespace kt::api
