// Discovery and OpenAPI documents. Map of this file:
//   1. /version, /api, /apis, /apis/{g}
//   2. APIResourceList, with the subresource entries kube publishes
//   3. OpenAPI v3 index and per-group-version documents (paths, and the schemas the
//      sandbox carries: core/api/openapi_schemas.h)
#include "native/http/discovery.h"

#include "core/api/openapi_schemas.h"

#include <algorithm>
#include <map>

namespace kt::http {
namespace {

std::string group_version(const std::string& group, const std::string& version) {
  return group.empty() ? version : group + "/" + version;
}

// Group versions of one group, preferred first (discovery order).
std::vector<const api::ResourceInfo*> group_resources(const api::ResourceRegistry& reg, const std::string& group,
                                                      const std::string& version) {
  std::vector<const api::ResourceInfo*> out;
  for (const auto& r : reg.all())
    if (r.group == group && r.version == version) out.push_back(&r);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->plural < b->plural; });
  return out;
}

struct GroupEntry {
  std::string name;
  std::vector<std::string> versions;  // preferred first
};

std::vector<GroupEntry> groups(const api::ResourceRegistry& reg) {
  std::vector<GroupEntry> out;
  for (const auto& r : reg.all()) {
    if (r.group.empty()) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const GroupEntry& g) { return g.name == r.group; });
    if (it == out.end()) {
      out.push_back({r.group, {}});
      it = out.end() - 1;
    }
    if (std::find(it->versions.begin(), it->versions.end(), r.version) == it->versions.end()) {
      if (r.preferred) it->versions.insert(it->versions.begin(), r.version);
      else it->versions.push_back(r.version);
    }
  }
  return out;
}

Json group_json(const GroupEntry& g) {
  Json versions = Json::array();
  for (const auto& v : g.versions) versions.push_back({{"groupVersion", g.name + "/" + v}, {"version", v}});
  return {{"name", g.name},
          {"versions", versions},
          {"preferredVersion", {{"groupVersion", g.name + "/" + g.versions.front()}, {"version", g.versions.front()}}}};
}

}  // namespace

// ---- 1. version and groups -------------------------------------------------------------

Json version_info(const DiscoveryInfo& info) {
  // kubectl's dispatcher picks the kubectl matching the server's minor: report 1.32.
  return {{"major", "1"},
          {"minor", "32"},
          {"gitVersion", info.git_version},
          {"gitCommit", "9894294ef13a5b32803e3ca2c0d620a088cc84d1"},
          {"gitTreeState", "clean"},
          {"buildDate", "2025-05-15T08:59:18Z"},
          {"goVersion", "go1.23.8"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

Json api_versions(const DiscoveryInfo& info) {
  return {{"kind", "APIVersions"},
          {"versions", Json::array({"v1"})},
          {"serverAddressByClientCIDRs",
           Json::array({{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", info.server_address}}})}};
}

Json api_group_list(const api::ResourceRegistry& reg) {
  Json list = Json::array();
  for (const auto& g : groups(reg)) list.push_back(group_json(g));
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", list}};
}

std::optional<Json> api_group(const api::ResourceRegistry& reg, const std::string& group) {
  for (const auto& g : groups(reg))
    if (g.name == group) {
      Json j = group_json(g);
      j["kind"] = "APIGroup";
      j["apiVersion"] = "v1";
      return j;
    }
  return std::nullopt;
}

// ---- 2. APIResourceList ----------------------------------------------------------------

namespace {

struct SubresourceFact {
  const char* name;
  const char* group;    // nullptr: the parent's group and version
  const char* version;
  const char* kind;     // nullptr: the parent's kind
  std::vector<std::string> verbs;
};

// What kube publishes for each subresource (kubectl api-resources hides these).
const std::vector<SubresourceFact>& subresource_facts() {
  static const std::vector<SubresourceFact> facts = {
      {"status", nullptr, nullptr, nullptr, {"get", "patch", "update"}},
      {"scale", "autoscaling", "v1", "Scale", {"get", "patch", "update"}},
      {"log", nullptr, nullptr, nullptr, {"get"}},
      {"exec", nullptr, nullptr, "PodExecOptions", {"create", "get"}},
      {"attach", nullptr, nullptr, "PodAttachOptions", {"create", "get"}},
      {"portforward", nullptr, nullptr, "PodPortForwardOptions", {"create", "get"}},
      {"proxy", nullptr, nullptr, nullptr, {"create", "delete", "get", "patch", "update"}},
      {"binding", nullptr, nullptr, "Binding", {"create"}},
      {"eviction", "policy", "v1", "Eviction", {"create"}},
      {"ephemeralcontainers", nullptr, nullptr, nullptr, {"get", "patch", "update"}},
      {"resize", nullptr, nullptr, nullptr, {"get", "patch", "update"}},
      {"finalize", nullptr, nullptr, nullptr, {"update"}},
      {"token", "authentication.k8s.io", "v1", "TokenRequest", {"create"}},
  };
  return facts;
}

Json strings(const std::vector<std::string>& xs) {
  Json a = Json::array();
  for (const auto& x : xs) a.push_back(x);
  return a;
}

}  // namespace

std::optional<Json> api_resource_list(const api::ResourceRegistry& reg, const std::string& group,
                                      const std::string& version) {
  auto rs = group_resources(reg, group, version);
  if (rs.empty()) return std::nullopt;
  Json resources = Json::array();
  for (const auto* r : rs) {
    Json e = {{"name", r->plural},       {"singularName", r->singular}, {"namespaced", r->namespaced},
              {"kind", r->kind},         {"verbs", strings(r->verbs)}};
    if (!r->short_names.empty()) e["shortNames"] = strings(r->short_names);
    if (!r->categories.empty()) e["categories"] = strings(r->categories);
    resources.push_back(e);
    std::vector<std::string> subs = r->subresources;
    std::sort(subs.begin(), subs.end());
    for (const auto& s : subs) {
      const SubresourceFact* fact = nullptr;
      for (const auto& f : subresource_facts())
        if (s == f.name) fact = &f;
      Json se = {{"name", r->plural + "/" + s},
                 {"singularName", ""},
                 {"namespaced", r->namespaced},
                 {"kind", fact && fact->kind ? std::string(fact->kind) : r->kind},
                 {"verbs", strings(fact ? fact->verbs : std::vector<std::string>{"get"})}};
      // Node and Service proxies have their own option kinds.
      if (s == "proxy") se["kind"] = r->kind + "ProxyOptions";
      if (fact && fact->group) {
        se["group"] = fact->group;
        se["version"] = fact->version;
      }
      resources.push_back(se);
    }
  }
  return Json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", group_version(group, version)},
              {"resources", resources}};
}

// ---- 3. OpenAPI v3 -------------------------------------------------------------------

namespace {

// A constant per build: kubectl caches documents by their URL, hash included.
const char* kOpenApiHash = "7C2F6D1B4F3D2E1B0A9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A";

Json query_param(const char* name, const char* description) {
  return {{"name", name},
          {"in", "query"},
          {"description", description},
          {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

Json write_params(bool patch) {
  Json p = Json::array(
      {query_param("dryRun", "When present, indicates that modifications should not be persisted. An invalid or "
                             "unrecognized dryRun directive will result in an error response and no further "
                             "processing of the request. Valid values are: - All: all dry run stages will be "
                             "processed"),
       query_param("fieldManager", "fieldManager is a name associated with the actor or entity that is making these "
                                   "changes."),
       query_param("fieldValidation",
                   "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) "
                   "containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown "
                   "fields that are silently dropped from the object, and will ignore all but the last duplicate "
                   "field that the decoder encounters. - Warn: This will send a warning via the standard warning "
                   "response header for each unknown field that is dropped from the object, and for each "
                   "duplicate field that is encountered. - Strict: This will fail the request with a BadRequest "
                   "error if any unknown fields would be dropped from the object, or if any duplicate fields are "
                   "present.")});
  if (patch)
    p.push_back({{"name", "force"},
                 {"in", "query"},
                 {"description", "Force is going to \"force\" Apply requests."},
                 {"schema", {{"type", "boolean"}, {"uniqueItems", true}}}});
  return p;
}

std::string camel(const std::string& s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    if (c == '.' || c == '-') {
      up = true;
      continue;
    }
    out += up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    up = false;
  }
  return out;
}

}  // namespace

Json openapi_v3_index(const api::ResourceRegistry& reg) {
  Json paths = Json::object();
  for (const auto& gv : reg.group_versions()) {
    std::string key = gv.find('/') == std::string::npos ? "api/" + gv : "apis/" + gv;
    paths[key] = {{"serverRelativeURL", "/openapi/v3/" + key + "?hash=" + kOpenApiHash}};
  }
  return {{"paths", paths}};
}

std::optional<Json> openapi_v3_document(const api::ResourceRegistry& reg, const DiscoveryInfo& info,
                                        const std::string& group, const std::string& version) {
  auto rs = group_resources(reg, group, version);
  if (rs.empty()) return std::nullopt;
  const std::string prefix = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
  const std::string op_group = group.empty() ? "Core" : camel(group.substr(0, group.find(".k8s.io")));
  const std::string op_version = camel(version);
  Json paths = Json::object();
  for (const auto* r : rs) {
    const Json gvk = {{"group", r->group}, {"version", r->version}, {"kind", r->kind}};
    const std::string scope = r->namespaced ? "Namespaced" : "";
    const std::string collection =
        r->namespaced ? prefix + "/namespaces/{namespace}/" + r->plural : prefix + "/" + r->plural;
    const std::string item = collection + "/{name}";
    const Json ref = {{"$ref", "#/components/schemas/" + r->kind}};
    // kubectl's patcher looks for application/strategic-merge-patch+json here and
    // then wants the schema; without it, it falls back to its compiled-in types.
    const Json patch_body = {{"content",
                              {{"application/apply-patch+yaml", {{"schema", ref}}},
                               {"application/json-patch+json", {{"schema", ref}}},
                               {"application/merge-patch+json", {{"schema", ref}}}}}};
    const Json body = {{"content", {{"*/*", {{"schema", ref}}}}}};
    auto op = [&](const std::string& verb, const std::string& action, const std::string& what) {
      return Json{{"operationId", verb + op_group + op_version + scope + what},
                  {"x-kubernetes-action", action},
                  {"x-kubernetes-group-version-kind", gvk},
                  {"responses", {{"200", {{"description", "OK"}}}}}};
    };
    Json coll = Json::object();
    if (r->has_verb("list")) coll["get"] = op("list", "list", r->kind);
    if (r->has_verb("create")) {
      coll["post"] = op("create", "post", r->kind);
      coll["post"]["parameters"] = write_params(false);
      coll["post"]["requestBody"] = body;
    }
    if (!coll.empty()) paths[collection] = coll;
    Json one = Json::object();
    if (r->has_verb("get")) one["get"] = op("read", "get", r->kind);
    if (r->has_verb("update")) {
      one["put"] = op("replace", "put", r->kind);
      one["put"]["parameters"] = write_params(false);
      one["put"]["requestBody"] = body;
    }
    if (r->has_verb("patch")) {
      one["patch"] = op("patch", "patch", r->kind);
      one["patch"]["parameters"] = write_params(true);
      one["patch"]["requestBody"] = patch_body;
    }
    if (r->has_verb("delete")) one["delete"] = op("delete", "delete", r->kind);
    if (!one.empty()) paths[item] = one;
  }
  // The schemas the sandbox carries for this group-version's kinds (and the types
  // they reference): what the real kubectl's explain reads. The operations above
  // still name their bodies by kind only, so apply/patch keep using kubectl's
  // compiled-in types as before.
  std::vector<std::string> roots;
  for (const auto* r : rs) {
    std::string name = api::openapi_schema_for(r->group, r->version, r->kind);
    if (!name.empty()) roots.push_back(name);
  }
  Json doc = Json::object();
  doc["openapi"] = "3.0.0";
  doc["info"] = {{"title", "Kubernetes"}, {"version", info.git_version}};
  doc["paths"] = paths;
  doc["components"] = Json::object();
  doc["components"]["schemas"] = api::openapi_schema_closure(roots);
  return doc;
}

}  // namespace kt::http
