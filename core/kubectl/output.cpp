// The structured printers of k8s.io/cli-runtime/pkg/printers, for our Json objects.
#include "core/kubectl/output.h"

#include <cctype>
#include <algorithm>
#include <optional>

#include "core/api/yaml.h"
#include "core/kubectl/go_template.h"
#include "core/kubectl/jsonpath.h"
#include "core/printers/tabwriter.h"

namespace kt::kubectl {
namespace {

using Kind = OutputFormat::Kind;

const Json::array_t& items_of(const Json& obj, Json::array_t& single) {
  if (obj.value("kind", std::string()) == "List" && obj.contains("items") && obj["items"].is_array())
    return obj["items"].get_ref<const Json::array_t&>();
  single = {obj};
  return single;
}

std::string custom_columns(const OutputFormat& fmt, const Json& obj, std::string& error) {
  std::vector<std::string> headers;
  std::vector<JsonPath> paths;
  std::size_t start = 0;
  const std::string& spec = fmt.arg;
  if (spec.empty()) {
    error = "error: custom-columns format specified but no custom columns given\n";
    return "";
  }
  while (true) {
    auto comma = spec.find(',', start);
    std::string col = spec.substr(start, comma - start);
    auto colon = col.find(':');
    if (colon == std::string::npos) {
      error = "error: unexpected custom-columns spec: " + col + ", expected <header>:<json-path-expr>\n";
      return "";
    }
    headers.push_back(col.substr(0, colon));
    try {
      paths.emplace_back(relaxed_jsonpath(col.substr(colon + 1)));
      paths.back().allow_missing_keys(true);
    } catch (const JsonPathError& e) {
      error = std::string("error: ") + e.what() + "\n";
      return "";
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::vector<std::vector<std::string>> rows;
  if (!fmt.no_headers) rows.push_back(headers);
  Json::array_t single;
  for (const auto& item : items_of(obj, single)) {
    std::vector<std::string> row;
    for (const auto& p : paths) {
      std::vector<std::vector<Json>> values;
      try {
        values = p.find_results(item);
      } catch (const JsonPathError& e) {
        error = std::string("error: ") + e.what() + "\n";
        return "";
      }
      std::string cell;
      bool any = false;
      for (const auto& group : values)
        for (const auto& v : group) {
          if (any) cell += ",";
          cell += go_sprint(v);
          any = true;
        }
      row.push_back(values.empty() || values[0].empty() ? "<none>" : cell);
    }
    rows.push_back(std::move(row));
  }
  return printers::tabwrite(rows);
}

std::string jsonpath_output(const OutputFormat& fmt, const Json& obj, std::string& error) {
  std::optional<JsonPath> parsed;
  try {
    parsed.emplace(fmt.arg);
  } catch (const JsonPathError& e) {
    error = "error: error parsing jsonpath " + fmt.arg + ", " + e.what() + "\n";
    return "";
  }
  JsonPath& p = *parsed;
  try {
    p.allow_missing_keys(fmt.allow_missing_keys);
    if (fmt.kind == Kind::JsonPath) return p.execute(obj);
    Json all = Json::array();
    for (const auto& group : p.find_results(obj))
      for (const auto& v : group) all.push_back(v);
    return api::to_json_pretty(all);
  } catch (const JsonPathError& e) {
    error = "error: error executing jsonpath \"" + fmt.arg + "\": Error executing template: " + e.what() +
            ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t" + fmt.arg +
            "\n\tobject given to jsonpath engine was:\n\t\t" + go_sharp_v(obj) + "\n\n\n";
    return "";
  }
}

}  // namespace

OutputFormat parse_output(const ParsedArgs& args, bool tables, std::string& error) {
  OutputFormat f;
  f.allow_missing_keys = args.flag("allow-missing-template-keys", true);
  f.no_headers = args.flag("no-headers");
  std::string o = args.str("output");
  if (o.empty()) return f;
  auto eq = o.find('=');
  std::string name = o.substr(0, eq);
  f.arg = eq == std::string::npos ? args.str("template") : o.substr(eq + 1);
  if (name == "yaml") f.kind = Kind::Yaml;
  else if (name == "json") f.kind = Kind::Json;
  else if (name == "name") f.kind = Kind::Name;
  else if (name == "jsonpath") f.kind = Kind::JsonPath;
  else if (name == "jsonpath-as-json") f.kind = Kind::JsonPathAsJson;
  else if (name == "go-template" || name == "template") f.kind = Kind::GoTemplate;
  else if (tables && name == "wide") f.kind = Kind::Wide;
  else if (tables && name == "custom-columns") f.kind = Kind::CustomColumns;
  else {
    error = std::string("error: unable to match a printer suitable for the output format \"") + o +
            "\", allowed formats are: " +
            (tables ? "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
                      "jsonpath-file,name,template,templatefile,wide,yaml"
                    : "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
                      "templatefile,yaml") +
            "\n";
    return f;
  }
  if ((f.kind == Kind::JsonPath || f.kind == Kind::JsonPathAsJson || f.kind == Kind::GoTemplate) && f.arg.empty())
    error = "error: template format specified but no template given\n";
  return f;
}

Json make_list(const std::vector<Json>& items) {
  Json list = Json::object();
  list["apiVersion"] = "v1";
  list["items"] = Json::array();
  for (const auto& i : items) list["items"].push_back(i);
  list["kind"] = "List";
  list["metadata"] = Json::object();
  list["metadata"]["resourceVersion"] = "";
  return list;
}

std::string name_line(const Json& obj) {
  std::string kind = obj.value("kind", std::string());
  std::transform(kind.begin(), kind.end(), kind.begin(), ::tolower);
  std::string api_version = obj.value("apiVersion", std::string());
  auto slash = api_version.find('/');
  if (slash != std::string::npos) kind += "." + api_version.substr(0, slash);
  std::string name;
  if (obj.contains("metadata") && obj["metadata"].is_object()) name = obj["metadata"].value("name", std::string());
  return kind + "/" + name + "\n";
}

Json for_output(const Json& obj) {
  Json out = obj;
  if (out.contains("metadata") && out["metadata"].is_object()) out["metadata"].erase("managedFields");
  return out;
}

std::string print_structured(const OutputFormat& fmt, const Json& obj, std::string& error) {
  switch (fmt.kind) {
    case Kind::Yaml:
      return api::to_yaml(obj);
    case Kind::Json:
      return api::to_json_pretty(obj);
    case Kind::Name: {
      Json::array_t single;
      std::string out;
      for (const auto& item : items_of(obj, single)) out += name_line(item);
      return out;
    }
    case Kind::JsonPath:
    case Kind::JsonPathAsJson:
      return jsonpath_output(fmt, obj, error);
    case Kind::CustomColumns:
      return custom_columns(fmt, obj, error);
    case Kind::GoTemplate:
      try {
        return execute_go_template(fmt.arg, obj);
      } catch (const GoTemplateError& e) {
        error = std::string("error: ") + e.what() + "\n";
        return "";
      }
    default:
      return "";
  }
}

}  // namespace kt::kubectl
