#include "native/http/table_json.h"

#include <cctype>

namespace kt::http {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (true) {
    std::size_t j = s.find(sep, i);
    out.push_back(trim(s.substr(i, j == std::string::npos ? std::string::npos : j - i)));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

}  // namespace

Negotiated negotiate(const std::string& accept) {
  for (const auto& alt : split(accept, ',')) {
    auto parts = split(alt, ';');
    const std::string type = parts.empty() ? "" : parts[0];
    std::string as, v, g;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      auto eq = parts[i].find('=');
      if (eq == std::string::npos) continue;
      std::string k = trim(parts[i].substr(0, eq)), val = trim(parts[i].substr(eq + 1));
      if (k == "as") as = val;
      else if (k == "v") v = val;
      else if (k == "g") g = val;
    }
    if (as.empty()) {
      // Plain JSON (or anything we can answer with JSON).
      if (type == "application/json" || type == "*/*" || type == "application/*" || type.empty() ||
          type == "application/vnd.kubernetes.protobuf")
        return {};
      continue;
    }
    if (type != "application/json" || g != "meta.k8s.io" || (v != "v1" && v != "v1beta1")) continue;
    if (as == "Table") return {OutputForm::Table, v};
    if (as == "PartialObjectMetadata") return {OutputForm::PartialObjectMetadata, v};
    if (as == "PartialObjectMetadataList") return {OutputForm::PartialObjectMetadataList, v};
  }
  return {};
}

IncludeObject include_object(const std::string& p) {
  if (p == "None") return IncludeObject::None;
  if (p == "Object") return IncludeObject::Object;
  return IncludeObject::Metadata;
}

Json partial_metadata(const Json& obj, const std::string& meta_version) {
  Json m = obj.contains("metadata") ? obj["metadata"] : Json::object();
  return {{"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/" + meta_version}, {"metadata", m}};
}

Json table_json(const printers::Table& t, IncludeObject include, const Json& list_meta, const std::string& meta_version,
                bool with_columns) {
  Json cols = Json::array();
  if (with_columns)
    for (const auto& c : t.columns)
      cols.push_back({{"name", c.name},
                      {"type", c.type},
                      {"format", c.format},
                      {"description", c.description},
                      {"priority", c.priority}});
  Json rows = Json::array();
  for (const auto& r : t.rows) {
    Json row = {{"cells", r.cells}};
    if (!r.conditions.is_null()) row["conditions"] = r.conditions;
    if (r.object) {
      if (include == IncludeObject::Metadata) row["object"] = partial_metadata(*r.object, meta_version);
      else if (include == IncludeObject::Object) row["object"] = *r.object;
    }
    rows.push_back(std::move(row));
  }
  return {{"kind", "Table"},
          {"apiVersion", "meta.k8s.io/" + meta_version},
          {"metadata", list_meta.is_object() ? list_meta : Json::object()},
          {"columnDefinitions", with_columns ? cols : Json(nullptr)},
          {"rows", rows}};
}

}  // namespace kt::http
