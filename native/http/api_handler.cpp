// ApiHandler: the REST verbs over the ApiServer. Map of this file:
//   1. helpers: responses, options from query/body, content types
//   2. handle(): routing of non-resource paths (discovery, OpenAPI, health)
//   3. handle_resource(): resolution, subresources, verb dispatch
//   4. get / list (JSON, Table, PartialObjectMetadata)
//   5. create / update / patch
//   6. delete / deletecollection
//   7. the scale subresource
// Watches live in watch.cpp.
#include "native/http/api_handler.h"

#include <cctype>

#include "core/api/eviction.h"
#include "core/api/token_request.h"
#include "core/auth/access_review.h"
#include "core/api/patch.h"
#include "core/printers/table.h"
#include "native/http/protobuf.h"
#include "native/http/table_json.h"
#include "native/http/watch.h"

namespace kt::http {

using api::ApiError;
using api::ResourceInfo;

// ---- 1. helpers -------------------------------------------------------------------------

Response json_response(int status, const Json& body) {
  return {status, "application/json", {}, body.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"};
}

Response status_response(const ApiError& e) { return json_response(e.code(), e.status()); }

Json list_item(const Json& obj) {
  Json item = obj;
  if (item.is_object()) {
    item.erase("apiVersion");
    item.erase("kind");
  }
  return item;
}

std::string warning_header(const std::string& text) {
  std::string q = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return "299 - " + q + "\"";
}

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The media type without parameters: "application/json; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type) {
  std::string t = lower(content_type.substr(0, content_type.find(';')));
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
  return t;
}

ApiError not_found_generic() {
  return ApiError(404, "NotFound", "the server could not find the requested resource", Json::object());
}

ApiError method_not_allowed() {
  return ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                  Json::object());
}

// Subresources this sandbox cannot serve yet: a clear Status instead of a hang.
ApiError not_supported_yet(const ResourceInfo& res, const std::string& name, const std::string& what) {
  Json details = {{"name", name}, {"kind", res.plural}};
  if (!res.group.empty()) details["group"] = res.group;
  return ApiError(400, "BadRequest",
                  what + " is not supported yet by this sandbox (" + res.qualified() + " \"" + name + "\")", details);
}

std::int64_t parse_int(const std::string& s, const char* what) {
  try {
    std::size_t used = 0;
    long long v = std::stoll(s, &used);
    if (used != s.size()) throw std::invalid_argument(s);
    return v;
  } catch (const std::exception&) {
    throw ApiError::bad_request(std::string("invalid value for ") + what + ": \"" + s + "\"");
  }
}

bool is_dry_run(const Request& req) {
  for (const auto& [k, v] : req.query)
    if (k == "dryRun") {
      if (v == "All") return true;
      if (!v.empty()) throw ApiError::bad_request("Invalid dry run value: " + v + "; supported values: All");
    }
  return false;
}

api::WriteOptions write_options(const Request& req) {
  api::WriteOptions o;
  o.dry_run = is_dry_run(req);
  o.field_manager = req.param("fieldManager").value_or("");
  if (o.field_manager.empty()) {
    // kube-apiserver names an unnamed writer after its user agent: "kubectl/v1.32.5 (...)" → "kubectl".
    const std::string agent = req.header("user-agent");
    o.field_manager = agent.substr(0, agent.find('/'));
  }
  const std::string fv = req.param("fieldValidation").value_or("");
  if (fv == "Strict") o.validation = api::FieldValidation::Strict;
  else if (fv == "Ignore") o.validation = api::FieldValidation::Ignore;
  else if (fv == "Warn" || fv.empty()) o.validation = api::FieldValidation::Warn;
  else throw ApiError::bad_request("fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\"");
  const std::string force = req.param("force").value_or("");
  o.force = force == "true" || force == "1";
  return o;
}

// A request body as JSON: JSON itself, or the protobuf encoding kubectl's typed
// clients send (`kubectl create deployment`, ...).
Json decode_object_body(const Request& req) {
  const std::string type = media_type(req.header("content-type"));
  if (type == "application/vnd.kubernetes.protobuf") return protobuf::decode_object(req.body);
  if (req.body.empty()) throw ApiError::bad_request("the body of the request was empty");
  try {
    return Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    if (type == "application/yaml")
      throw ApiError::unsupported_media_type(type + "; this sandbox reads JSON request bodies only");
    throw ApiError::bad_request(std::string("couldn't get version/kind; json parse error: ") + e.what());
  }
}

void add_warnings(Response& r, const api::ApiServer& api) {
  for (const auto& w : api.last_warnings()) r.headers.emplace_back("Warning", warning_header(w));
}

Json list_meta(std::uint64_t rv, const std::string& cont, std::int64_t remaining) {
  Json m = {{"resourceVersion", std::to_string(rv)}};
  if (!cont.empty()) {
    m["continue"] = cont;
    if (remaining > 0) m["remainingItemCount"] = remaining;
  }
  return m;
}

}  // namespace

// ---- 2. routing ---------------------------------------------------------------------------

ApiHandler::ApiHandler(api::ApiServer& api, boost::asio::io_context& ioc, ApiHandlerOptions opts)
    : api_(api), ioc_(ioc), opts_(std::move(opts)) {}

ApiHandler::~ApiHandler() { close_watches(); }

void ApiHandler::close_watches() {
  auto ws = watches_;
  for (auto& w : ws) w->finish();
  watches_.clear();
}

void ApiHandler::handle(const Request& req, Exchange& ex) {
  RequestInfo info = parse_request_info(req);
  try {
    if (info.is_resource) {
      handle_resource(req, info, ex);
    } else {
      ex.respond(handle_nonresource(req, info));
    }
  } catch (const ApiError& e) {
    ex.respond(status_response(e));
  } catch (const std::exception& e) {
    ex.respond(status_response(ApiError::internal(e.what())));
  }
  if (opts_.flush) opts_.flush();
}

Response ApiHandler::handle_nonresource(const Request& req, const RequestInfo& info) {
  const auto& p = info.parts;
  const auto& reg = api_.registry();
  if (req.method != "GET" && req.method != "HEAD") {
    if (p.empty() || (p[0] != "api" && p[0] != "apis")) return {404, "text/plain", {}, "404 page not found\n"};
    throw method_not_allowed();
  }
  if (p.size() == 1 && p[0] == "version") return json_response(200, version_info(opts_.discovery));
  if (p.size() == 1 && (p[0] == "healthz" || p[0] == "livez" || p[0] == "readyz"))
    return {200, "text/plain; charset=utf-8", {}, "ok"};
  if (p.size() == 1 && p[0] == "api") return json_response(200, api_versions(opts_.discovery));
  if (p.size() == 2 && p[0] == "api") {
    if (auto l = api_resource_list(reg, "", p[1])) return json_response(200, *l);
    return {404, "text/plain", {}, "404 page not found\n"};
  }
  if (p.size() == 1 && p[0] == "apis") return json_response(200, api_group_list(reg));
  if (p.size() == 2 && p[0] == "apis") {
    if (auto g = api_group(reg, p[1])) return json_response(200, *g);
    return {404, "text/plain", {}, "404 page not found\n"};
  }
  if (p.size() == 3 && p[0] == "apis") {
    if (auto l = api_resource_list(reg, p[1], p[2])) return json_response(200, *l);
    return {404, "text/plain", {}, "404 page not found\n"};
  }
  if (p.size() == 2 && p[0] == "openapi" && p[1] == "v3") return json_response(200, openapi_v3_index(reg));
  if (p.size() >= 4 && p[0] == "openapi" && p[1] == "v3") {
    std::optional<Json> doc;
    if (p[2] == "api" && p.size() == 4) doc = openapi_v3_document(reg, opts_.discovery, "", p[3]);
    else if (p[2] == "apis" && p.size() == 5) doc = openapi_v3_document(reg, opts_.discovery, p[3], p[4]);
    if (doc) return json_response(200, *doc);
  }
  // /openapi/v2 is not served: kubectl then falls back to its compiled-in types.
  return {404, "text/plain", {}, "404 page not found\n"};
}

// ---- 3. resources ---------------------------------------------------------------------------

// The user a request acts as: the sandbox's admin (the only identity `kubetab serve`
// knows), or whom the Impersonate-User/-Group/-Uid headers name (kubectl --as).
static auth::UserInfo request_user(const Request& req) {
  const std::string user = req.header("impersonate-user");
  if (user.empty()) return auth::sandbox_admin();
  std::vector<std::string> groups;
  const std::string g = req.header("impersonate-group");  // repeated headers arrive joined by ","
  for (std::size_t start = 0; !g.empty() && start <= g.size();) {
    const auto comma = g.find(',', start);
    const std::string one = g.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!one.empty()) groups.push_back(one);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return auth::impersonated(user, groups, req.header("impersonate-uid"));
}

void ApiHandler::handle_resource(const Request& req, const RequestInfo& info, Exchange& ex) {
  if (info.version == "v1" && auth::is_review_resource(info.group, info.resource)) {
    // Create-only reviews, answered from RBAC and the requester; nothing is stored.
    if (info.verb != "create" || !info.name.empty()) throw method_not_allowed();
    const bool local = info.resource == "localsubjectaccessreviews";
    if (local != !info.ns.empty()) throw not_found_generic();
    return ex.respond(
        json_response(201, auth::create_review(api_, request_user(req), info.resource, info.ns, decode_object_body(req))));
  }
  const ResourceInfo* res = api_.registry().find(info.group, info.version, info.resource);
  if (!res || info.resource.empty()) throw not_found_generic();
  const bool ns_path = !info.ns.empty();
  if (!res->namespaced && ns_path) throw not_found_generic();
  // Namespaced objects are only addressed inside a namespace (lists may span all).
  if (res->namespaced && !ns_path && !info.name.empty()) throw not_found_generic();
  if (res->namespaced && !ns_path && (info.verb == "create" || info.verb == "deletecollection"))
    throw method_not_allowed();

  if (!info.subresource.empty()) {
    const std::string& sub = info.subresource;
    if (!res->has_subresource(sub)) throw not_found_generic();
    if (sub == "status") {
      if (info.verb == "get") return ex.respond(get(req, info, *res));
      if (info.verb == "update") return ex.respond(update(req, info, *res));
      if (info.verb == "patch") return ex.respond(patch(req, info, *res));
      throw method_not_allowed();
    }
    if (sub == "scale") return ex.respond(scale(req, info, *res));
    if (sub == "finalize") {
      if (info.verb == "update") return ex.respond(update(req, info, *res));
      throw method_not_allowed();
    }
    if (sub == "log") {
      if (info.verb != "get") throw method_not_allowed();
      api::ObjectPtr pod = api_.get(*res, info.ns, info.name);
      std::string container = req.param("container").value_or("");
      if (opts_.pod_logs) return ex.respond({200, "text/plain", {}, opts_.pod_logs(info.ns, info.name, container)});
      throw not_supported_yet(*res, info.name, "reading container logs");
    }
    if (sub == "eviction") {
      if (info.verb != "create") throw method_not_allowed();
      return ex.respond(evict(req, info));
    }
    if (sub == "token") {  // serviceaccounts/NAME/token: a TokenRequest (`kubectl create token`)
      if (info.verb != "create") throw method_not_allowed();
      return ex.respond(json_response(201, api::create_token_request(api_, info.ns, info.name, decode_object_body(req))));
    }
    // exec, attach, portforward, proxy, binding, ...: the pod (node,
    // service) must exist; then say plainly that the sandbox cannot do it yet.
    api_.get(*res, info.ns, info.name);
    std::string what = sub;
    if (sub == "exec") what = "exec into a container";
    else if (sub == "attach") what = "attaching to a container";
    else if (sub == "portforward") what = "port forwarding";
    else if (sub == "proxy") what = "proxying to " + res->plural;
    else if (sub == "binding") what = "binding pods through the API";
    else what = "the " + sub + " subresource";
    throw not_supported_yet(*res, info.name, what);
  }

  if (!res->has_verb(info.verb)) throw method_not_allowed();
  if (info.verb == "get") return ex.respond(get(req, info, *res));
  if (info.verb == "list") return ex.respond(list(req, info, *res));
  if (info.verb == "watch") return watch(req, info, *res, ex);
  if (info.verb == "create") return ex.respond(create(req, info, *res));
  if (info.verb == "update") return ex.respond(update(req, info, *res));
  if (info.verb == "patch") return ex.respond(patch(req, info, *res));
  if (info.verb == "delete") return ex.respond(remove(req, info, *res));
  if (info.verb == "deletecollection") return ex.respond(remove_collection(req, info, *res));
  throw method_not_allowed();
}

// ---- 4. get / list ------------------------------------------------------------------------------

Response ApiHandler::get(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::ObjectPtr obj = api_.get(res, info.ns, info.name);
  Negotiated n = negotiate(req.header("accept"));
  if (n.form == OutputForm::Table) {
    printers::Table t = printers::make_table(res, {obj}, api_.sim().now());
    Json meta = {{"resourceVersion", api::str_field(*obj, {"metadata", "resourceVersion"})}};
    return json_response(200, table_json(t, include_object(req.param("includeObject").value_or("")), meta,
                                         n.table_version));
  }
  if (n.form == OutputForm::PartialObjectMetadata) return json_response(200, partial_metadata(*obj, n.table_version));
  return json_response(200, *obj);
}

Response ApiHandler::list(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::ListOptions lo;
  lo.label_selector = req.param("labelSelector").value_or("");
  lo.field_selector = req.param("fieldSelector").value_or("");
  if (auto l = req.param("limit"); l && !l->empty()) lo.limit = parse_int(*l, "limit");
  lo.continue_token = req.param("continue").value_or("");
  api::ListResult r = api_.list(res, info.ns, lo);
  Json meta = list_meta(r.resource_version, r.continue_token, r.remaining);
  Negotiated n = negotiate(req.header("accept"));
  if (n.form == OutputForm::Table) {
    printers::Table t = printers::make_table(res, r.items, api_.sim().now());
    return json_response(200, table_json(t, include_object(req.param("includeObject").value_or("")), meta,
                                         n.table_version));
  }
  Json items = Json::array();
  if (n.form == OutputForm::PartialObjectMetadataList || n.form == OutputForm::PartialObjectMetadata) {
    for (const auto& o : r.items) items.push_back(partial_metadata(*o, n.table_version));
    return json_response(200, {{"kind", "PartialObjectMetadataList"},
                               {"apiVersion", "meta.k8s.io/" + n.table_version},
                               {"metadata", meta},
                               {"items", items}});
  }
  for (const auto& o : r.items) items.push_back(list_item(*o));
  return json_response(200, {{"kind", res.kind + "List"}, {"apiVersion", res.api_version()}, {"metadata", meta},
                             {"items", items}});
}

// ---- 5. create / update / patch ---------------------------------------------------------------

Response ApiHandler::create(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::WriteOptions opts = write_options(req);
  Json body = decode_object_body(req);
  api::ObjectPtr obj = api_.create(res, info.ns, std::move(body), opts);
  Response r = json_response(201, *obj);
  add_warnings(r, api_);
  return r;
}

Response ApiHandler::update(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::WriteOptions opts = write_options(req);
  opts.subresource = info.subresource;
  Json body = decode_object_body(req);
  if (!body.is_object()) throw ApiError::bad_request("the body of the request was not a JSON object");
  const std::string body_name = api::str_field(body, {"metadata", "name"});
  if (body_name != info.name)
    throw ApiError::bad_request("the name of the object (" + body_name + ") does not match the name on the URL (" +
                                info.name + ")");
  api::ObjectPtr obj = api_.update(res, info.ns, std::move(body), opts);
  Response r = json_response(200, *obj);
  add_warnings(r, api_);
  return r;
}

namespace {

api::PatchType patch_type(const Request& req) {
  const std::string type = media_type(req.header("content-type"));
  if (type == "application/json-patch+json") return api::PatchType::Json;
  if (type == "application/merge-patch+json") return api::PatchType::Merge;
  if (type == "application/strategic-merge-patch+json") return api::PatchType::Strategic;
  if (type == "application/apply-patch+yaml") return api::PatchType::Apply;
  throw ApiError(415, "UnsupportedMediaType",
                 "the body of the request was in an unknown format - accepted media types include: "
                 "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
                 "application/strategic-merge-patch+json",
                 Json::object());
}

Json decode_patch_body(const Request& req, api::PatchType type) {
  try {
    return Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    if (type == api::PatchType::Apply)
      throw ApiError::unsupported_media_type("application/apply-patch+yaml with a YAML body; this sandbox reads "
                                             "JSON request bodies only");
    throw ApiError::bad_request(std::string("error decoding patch: ") + e.what());
  }
}

}  // namespace

Response ApiHandler::patch(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::PatchType type = patch_type(req);
  api::WriteOptions opts = write_options(req);
  opts.subresource = info.subresource;
  Json body = decode_patch_body(req, type);
  if (type == api::PatchType::Merge) api::patch::check_merge_patch_body(body);
  const bool existed = api_.try_get(res, info.ns, info.name) != nullptr;
  api::ObjectPtr obj = api_.patch(res, info.ns, info.name, type, body, opts);
  Response r = json_response(existed ? 200 : 201, *obj);
  add_warnings(r, api_);
  return r;
}

// ---- 6. delete -------------------------------------------------------------------------------------

namespace {

api::DeleteOptions delete_options(const Request& req) {
  api::DeleteOptions o;
  Json body = Json::object();
  if (!req.body.empty()) {
    try {
      body = Json::parse(req.body);
    } catch (const Json::parse_error& e) {
      throw ApiError::bad_request(std::string("error decoding DeleteOptions: ") + e.what());
    }
  }
  auto propagation = [](const std::string& p) {
    if (p == "Orphan") return api::Propagation::Orphan;
    if (p == "Background") return api::Propagation::Background;
    if (p == "Foreground") return api::Propagation::Foreground;
    throw ApiError(422, "Invalid",
                   "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"" + p +
                       "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"",
                   Json::object());
  };
  if (body.is_object()) {
    if (body.contains("propagationPolicy") && body["propagationPolicy"].is_string())
      o.propagation = propagation(body["propagationPolicy"].get<std::string>());
    if (body.contains("orphanDependents") && body["orphanDependents"].is_boolean())
      o.propagation = body["orphanDependents"].get<bool>() ? api::Propagation::Orphan : api::Propagation::Background;
    if (body.contains("gracePeriodSeconds") && body["gracePeriodSeconds"].is_number_integer())
      o.grace_period_seconds = body["gracePeriodSeconds"].get<std::int64_t>();
    const Json& pre = api::field(body, {"preconditions"});
    if (pre.is_object()) {
      if (pre.contains("uid") && pre["uid"].is_string()) o.precondition_uid = pre["uid"].get<std::string>();
      if (pre.contains("resourceVersion") && pre["resourceVersion"].is_string())
        o.precondition_resource_version = static_cast<std::uint64_t>(
            parse_int(pre["resourceVersion"].get<std::string>(), "preconditions.resourceVersion"));
    }
    if (const Json& dr = api::field(body, {"dryRun"}); dr.is_array())
      for (const auto& v : dr)
        if (v == "All") o.dry_run = true;
  }
  if (auto p = req.param("propagationPolicy"); p && !p->empty()) o.propagation = propagation(*p);
  if (auto g = req.param("gracePeriodSeconds"); g && !g->empty()) o.grace_period_seconds = parse_int(*g, "gracePeriodSeconds");
  if (auto od = req.param("orphanDependents"); od && !od->empty())
    o.propagation = *od == "true" ? api::Propagation::Orphan : api::Propagation::Background;
  if (is_dry_run(req)) o.dry_run = true;
  return o;
}

// What kube answers for a delete: the object while it waits (finalizers, graceful
// pod deletion), else a Success Status naming it.
Json delete_result(const ResourceInfo& res, const api::ObjectPtr& obj, bool still_there) {
  if (still_there) return *obj;
  Json details = {{"name", api::meta::name(*obj)}, {"kind", res.plural}, {"uid", api::meta::uid(*obj)}};
  if (!res.group.empty()) details["group"] = res.group;
  return {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()}, {"status", "Success"},
          {"details", details}};
}

}  // namespace

Response ApiHandler::remove(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::DeleteOptions opts = delete_options(req);
  api::ObjectPtr obj = api_.remove(res, info.ns, info.name, opts);
  bool still_there = opts.dry_run ? (api::meta::being_deleted(*obj) &&
                                     api::field(*obj, {"metadata", "finalizers"}).is_array() &&
                                     !api::field(*obj, {"metadata", "finalizers"}).empty())
                                  : api_.try_get(res, info.ns, info.name) != nullptr;
  Response r = json_response(200, delete_result(res, obj, still_there));
  add_warnings(r, api_);
  return r;
}

// pods/eviction: a policy/v1 Eviction naming the pod, with optional deleteOptions.
Response ApiHandler::evict(const Request& req, const RequestInfo& info) {
  Json body = decode_object_body(req);
  const std::string named = api::str_field(body, {"metadata", "name"});
  if (!named.empty() && named != info.name)
    throw ApiError::bad_request("name in URL does not match name in Eviction object");
  api::DeleteOptions opts;
  const Json& d = api::field(body, {"deleteOptions"});
  if (d.is_object()) {
    Request inner = req;
    inner.body = d.dump();
    opts = delete_options(inner);
  }
  if (is_dry_run(req)) opts.dry_run = true;
  api::evict_pod(api_, info.ns, info.name, opts);
  Json status = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()}, {"status", "Success"}};
  status["code"] = 201;
  return json_response(201, status);
}

Response ApiHandler::remove_collection(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  api::DeleteOptions opts = delete_options(req);
  api::ListOptions lo;
  lo.label_selector = req.param("labelSelector").value_or("");
  lo.field_selector = req.param("fieldSelector").value_or("");
  api::ListResult found = api_.list(res, info.ns, lo);
  Json items = Json::array();
  for (const auto& o : found.items) {
    try {
      items.push_back(list_item(*api_.remove(res, api::meta::namespace_of(*o), api::meta::name(*o), opts)));
    } catch (const ApiError& e) {
      if (e.code() != 404) throw;  // deleted meanwhile
    }
  }
  return json_response(200, {{"kind", res.kind + "List"},
                             {"apiVersion", res.api_version()},
                             {"metadata", {{"resourceVersion", std::to_string(api_.current_resource_version())}}},
                             {"items", items}});
}

// ---- 7. scale --------------------------------------------------------------------------------------

Response ApiHandler::scale(const Request& req, const RequestInfo& info, const ResourceInfo& res) {
  if (info.verb == "get") return json_response(200, api_.get_scale(res, info.ns, info.name));
  api::WriteOptions opts = write_options(req);
  Json desired;
  if (info.verb == "update") {
    desired = decode_object_body(req);
  } else if (info.verb == "patch") {
    api::PatchType type = patch_type(req);
    Json body = decode_patch_body(req, type);
    Json current = api_.get_scale(res, info.ns, info.name);
    switch (type) {
      case api::PatchType::Json: desired = api::patch::json_patch(current, body); break;
      case api::PatchType::Merge:
        api::patch::check_merge_patch_body(body);
        desired = api::patch::merge_patch(current, body);
        break;
      default: desired = api::patch::merge_patch(current, body); break;  // Scale has no list fields
    }
  } else {
    throw method_not_allowed();
  }
  const Json& replicas = api::field(desired, {"spec", "replicas"});
  if (!replicas.is_number_integer())
    throw ApiError::bad_request("the scale's spec.replicas must be an integer");
  const std::string want_rv = api::str_field(desired, {"metadata", "resourceVersion"});
  if (info.verb == "update" && !want_rv.empty()) {
    Json current = api_.get_scale(res, info.ns, info.name);
    if (api::str_field(current, {"metadata", "resourceVersion"}) != want_rv)
      throw ApiError::conflict_modified(res.qualified(), info.name);
  }
  Json out = api_.update_scale(res, info.ns, info.name, replicas.get<std::int64_t>(), opts);
  // FIXME: no warnings here: ApiServer::update_scale does not reset last_warnings(),
  // so they would be the previous write's.
  return json_response(200, out);
}

}  // namespace kt::http
