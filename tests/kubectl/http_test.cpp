// Unit tests of the HTTP layer of `kubetab serve`: request paths, content
// negotiation, protobuf request bodies, tables as JSON, discovery, and the REST
// verbs through ApiHandler with an in-memory exchange (no sockets).
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"
#include "native/http/api_handler.h"
#include "native/http/discovery.h"
#include "native/http/protobuf.h"
#include "native/http/request_info.h"
#include "native/http/table_json.h"

using kt::Json;
using namespace kt::http;

namespace {

Request make(std::string method, std::string target, std::string body = "",
             std::map<std::string, std::string> headers = {}) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  auto qm = target.find('?');
  r.path = percent_decode(target.substr(0, qm), false);
  if (qm != std::string::npos) r.query = parse_query(target.substr(qm + 1));
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

// Protobuf encoding helpers (the wire format kubectl's typed clients send).
std::string varint(std::uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
  return out;
}
std::string field_bytes(int n, const std::string& payload) { return varint((n << 3) | 2) + varint(payload.size()) + payload; }
std::string field_varint(int n, std::uint64_t v) { return varint(n << 3) + varint(v); }
std::string envelope(const std::string& api_version, const std::string& kind, const std::string& raw) {
  std::string type_meta = field_bytes(1, api_version) + field_bytes(2, kind);
  return std::string("k8s\0", 4) + field_bytes(1, type_meta) + field_bytes(2, raw) + field_bytes(3, "") +
         field_bytes(4, "");
}
std::string map_entry(int n, const std::string& k, const std::string& v) {
  return field_bytes(n, field_bytes(1, k) + field_bytes(2, v));
}

class FakeExchange : public Exchange {
 public:
  void respond(Response r) override { response = std::move(r); }
  std::shared_ptr<Stream> stream(int, std::string, std::vector<std::pair<std::string, std::string>>) override {
    streamed = true;
    return std::make_shared<FakeStream>(chunks);
  }
  Json json() const { return Json::parse(response.body); }

  struct FakeStream : Stream {
    explicit FakeStream(std::vector<std::string>& out) : out_(out) {}
    void write(std::string d) override { out_.push_back(std::move(d)); }
    void finish() override {
      if (closed_) return;
      closed_ = true;
      for (auto& f : cbs_) f();
    }
    bool closed() const override { return closed_; }
    void on_close(std::function<void()> fn) override { cbs_.push_back(std::move(fn)); }
    std::vector<std::string>& out_;
    bool closed_ = false;
    std::vector<std::function<void()>> cbs_;
  };

  Response response;
  bool streamed = false;
  std::vector<std::string> chunks;
};

struct Env {
  kt::Sandbox sandbox;
  boost::asio::io_context ioc;
  ApiHandler handler;
  Env() : handler(sandbox.api(), ioc, options(sandbox)) {}
  static ApiHandlerOptions options(kt::Sandbox& sb) {
    ApiHandlerOptions o;
    o.flush = [&sb] { sb.sim().run_until(sb.sim().now()); };
    return o;
  }
  FakeExchange call(Request r) {
    FakeExchange ex;
    handler.handle(r, ex);
    return ex;
  }
};

}  // namespace

TEST_CASE("request info: namespaced, cluster-scoped, subresources, legacy watch", "[serve]") {
  auto i = parse_request_info(make("GET", "/api/v1/namespaces/default/pods/web/log"));
  CHECK(i.is_resource);
  CHECK(i.verb == "get");
  CHECK(i.ns == "default");
  CHECK(i.resource == "pods");
  CHECK(i.name == "web");
  CHECK(i.subresource == "log");

  auto l = parse_request_info(make("GET", "/apis/apps/v1/deployments?watch=true"));
  CHECK(l.verb == "watch");
  CHECK(l.group == "apps");
  CHECK(l.ns.empty());

  auto ns = parse_request_info(make("PUT", "/api/v1/namespaces/demo/finalize"));
  CHECK(ns.resource == "namespaces");
  CHECK(ns.name == "demo");
  CHECK(ns.subresource == "finalize");
  CHECK(ns.ns.empty());

  auto legacy = parse_request_info(make("GET", "/api/v1/watch/namespaces/kube-system/configmaps"));
  CHECK(legacy.verb == "watch");
  CHECK(legacy.ns == "kube-system");
  CHECK(legacy.resource == "configmaps");

  CHECK(parse_request_info(make("DELETE", "/api/v1/namespaces/d/secrets")).verb == "deletecollection");
  CHECK_FALSE(parse_request_info(make("GET", "/apis/apps/v1")).is_resource);
  CHECK(parse_query("labelSelector=app%3Dweb%2Ctier+in+(a)&limit=500") ==
        std::vector<std::pair<std::string, std::string>>{{"labelSelector", "app=web,tier in (a)"}, {"limit", "500"}});
}

TEST_CASE("accept negotiation picks the first form we serve", "[serve]") {
  auto t = negotiate("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
  CHECK(t.form == OutputForm::Table);
  CHECK(t.table_version == "v1");
  CHECK(negotiate("application/json").form == OutputForm::Object);
  CHECK(negotiate("").form == OutputForm::Object);
  CHECK(negotiate("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io").form ==
        OutputForm::PartialObjectMetadataList);
  // An unknown alternative falls through to the next.
  CHECK(negotiate("application/json;as=Foo;v=v1;g=meta.k8s.io, application/json").form == OutputForm::Object);
}

TEST_CASE("protobuf bodies decode to the JSON kubectl would have sent", "[serve]") {
  std::string meta = field_bytes(1, "demo") + map_entry(11, "team", "a") + field_bytes(8, "");
  std::string ns = field_bytes(1, meta) + field_bytes(2, "") + field_bytes(3, "");
  Json j = protobuf::decode_object(envelope("v1", "Namespace", ns));
  CHECK(j == Json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo","labels":{"team":"a"}},
                               "spec":{},"status":{}})"));

  // Deployment: replicas (a pointer, kept at 0), selector, template with a container.
  std::string container = field_bytes(1, "nginx") + field_bytes(2, "nginx:1.25") +
                          field_bytes(6, field_varint(3, 80) + field_bytes(4, "TCP")) + field_bytes(8, "") +
                          field_bytes(13, "") + field_bytes(14, "");
  std::string pod_spec = field_bytes(2, container) + field_bytes(3, "") + field_bytes(6, "");
  std::string tmpl = field_bytes(1, field_bytes(1, "") + map_entry(11, "app", "web")) + field_bytes(2, pod_spec);
  std::string spec = field_varint(1, 0) + field_bytes(2, map_entry(1, "app", "web")) + field_bytes(3, tmpl) +
                     field_bytes(4, "") + field_varint(5, 0) + field_varint(7, 0);
  std::string dep = field_bytes(1, field_bytes(1, "web")) + field_bytes(2, spec) + field_bytes(3, "");
  Json d = protobuf::decode_object(envelope("apps/v1", "Deployment", dep));
  CHECK(d["spec"]["replicas"] == 0);
  CHECK(d["spec"]["selector"] == Json::parse(R"({"matchLabels":{"app":"web"}})"));
  CHECK(d["spec"]["template"]["metadata"]["labels"]["app"] == "web");
  CHECK(d["spec"]["template"]["spec"]["containers"][0] ==
        Json::parse(R"({"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{}})"));
  CHECK_FALSE(d["spec"].contains("minReadySeconds"));
  CHECK_FALSE(d["spec"].contains("paused"));

  // Secret data is bytes (base64 in JSON); a Service's targetPort is an IntOrString.
  std::string secret = field_bytes(1, field_bytes(1, "s")) + map_entry(2, "password", "s3cr3t!") + field_bytes(3, "Opaque");
  Json sj = protobuf::decode_object(envelope("v1", "Secret", secret));
  CHECK(sj["data"]["password"] == "czNjcjN0IQ==");
  CHECK(sj["type"] == "Opaque");
  std::string port = field_bytes(1, "80-8080") + field_bytes(2, "TCP") + field_varint(3, 80) +
                     field_bytes(4, field_varint(1, 0) + field_varint(2, 8080) + field_bytes(3, "")) + field_varint(5, 0);
  std::string svc_spec = field_bytes(1, port) + map_entry(2, "app", "web") + field_bytes(4, "ClusterIP");
  Json svc = protobuf::decode_object(envelope("v1", "Service", field_bytes(1, field_bytes(1, "web")) + field_bytes(2, svc_spec)));
  CHECK(svc["spec"]["ports"][0] == Json::parse(R"({"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080})"));

  // Unknown kinds and fields are refused with 415, never silently dropped.
  try {
    protobuf::decode_object(envelope("v1", "Pod", ""));
    FAIL("no error");
  } catch (const kt::api::ApiError& e) {
    CHECK(e.code() == 415);
  }
  try {
    protobuf::decode_object(envelope("v1", "ConfigMap", field_varint(99, 1)));
    FAIL("no error");
  } catch (const kt::api::ApiError& e) {
    CHECK(e.code() == 415);
  }
  CHECK_THROWS(protobuf::decode_object("{}"));
}

TEST_CASE("discovery lists subresources and the OpenAPI docs advertise fieldValidation", "[serve]") {
  const auto& reg = kt::api::ResourceRegistry::builtin();
  auto core = api_resource_list(reg, "", "v1");
  REQUIRE(core);
  bool log = false, pods = false;
  for (const auto& r : (*core)["resources"]) {
    if (r["name"] == "pods/log") log = true;
    if (r["name"] == "pods") {
      pods = true;
      CHECK(r["shortNames"] == Json::array({"po"}));
      CHECK(r["categories"] == Json::array({"all"}));
    }
  }
  CHECK(log);
  CHECK(pods);
  auto apps = api_resource_list(reg, "apps", "v1");
  bool scale = false;
  for (const auto& r : (*apps)["resources"])
    if (r["name"] == "deployments/scale") {
      scale = true;
      CHECK(r["group"] == "autoscaling");
      CHECK(r["kind"] == "Scale");
    }
  CHECK(scale);
  Json groups = api_group_list(reg);
  bool autoscaling = false;
  for (const auto& g : groups["groups"])
    if (g["name"] == "autoscaling") {
      autoscaling = true;
      CHECK(g["preferredVersion"]["version"] == "v2");
    }
  CHECK(autoscaling);

  auto doc = openapi_v3_document(reg, {}, "", "v1");
  REQUIRE(doc);
  const Json& patch = (*doc)["paths"]["/api/v1/namespaces/{namespace}/configmaps/{name}"]["patch"];
  CHECK(patch["x-kubernetes-group-version-kind"] == Json::parse(R"({"group":"","version":"v1","kind":"ConfigMap"})"));
  bool fv = false;
  for (const auto& p : patch["parameters"])
    if (p["name"] == "fieldValidation") fv = true;
  CHECK(fv);
  CHECK(openapi_v3_index(reg)["paths"].contains("apis/apps/v1"));
  // The schemas kubectl explain reads: the group-version's kinds the sandbox carries and
  // what they reference, tagged with their GVK; none of another group's kinds.
  const Json& schemas = (*doc)["components"]["schemas"];
  REQUIRE(schemas.contains("io.k8s.api.core.v1.Pod"));
  CHECK(schemas["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"] ==
        Json::parse(R"([{"group":"","kind":"Pod","version":"v1"}])"));
  CHECK(schemas.contains("io.k8s.api.core.v1.Container"));
  CHECK_FALSE(schemas.contains("io.k8s.api.apps.v1.Deployment"));
  auto apps_doc = openapi_v3_document(reg, {}, "apps", "v1");
  REQUIRE(apps_doc);
  CHECK((*apps_doc)["components"]["schemas"].contains("io.k8s.api.apps.v1.Deployment"));
  CHECK((*apps_doc)["components"]["schemas"].contains("io.k8s.api.core.v1.PodSpec"));
}

TEST_CASE("REST verbs through ApiHandler", "[serve]") {
  Env env;
  auto v = env.call(make("GET", "/version"));
  CHECK(v.json()["minor"] == "32");

  const std::string cm =
      R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app","labels":{"t":"1"}},"data":{"a":"1"}})";
  auto created = env.call(make("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", cm,
                               {{"content-type", "application/json"}}));
  CHECK(created.response.status == 201);
  CHECK(created.json()["metadata"]["namespace"] == "default");

  auto again = env.call(make("POST", "/api/v1/namespaces/default/configmaps", cm, {{"content-type", "application/json"}}));
  CHECK(again.response.status == 409);
  CHECK(again.json()["reason"] == "AlreadyExists");
  CHECK(again.json()["message"] == "configmaps \"app\" already exists");

  auto missing = env.call(make("GET", "/api/v1/namespaces/default/configmaps/nope"));
  CHECK(missing.response.status == 404);
  CHECK(missing.json()["message"] == "configmaps \"nope\" not found");

  // (kube-root-ca.crt lives in every namespace: select ours by label.)
  auto list = env.call(make("GET", "/api/v1/namespaces/default/configmaps?labelSelector=t%3D1"));
  CHECK(list.json()["kind"] == "ConfigMapList");
  CHECK(list.json()["items"].size() == 1);
  CHECK_FALSE(list.json()["items"][0].contains("kind"));

  auto table = env.call(make("GET", "/api/v1/namespaces/default/configmaps?labelSelector=t=1", "",
                             {{"accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}}));
  Json t = table.json();
  CHECK(t["kind"] == "Table");
  CHECK(t["columnDefinitions"][1]["name"] == "Data");
  CHECK(t["rows"][0]["cells"][0] == "app");
  CHECK(t["rows"][0]["cells"][1] == 1);
  CHECK(t["rows"][0]["object"]["kind"] == "PartialObjectMetadata");

  auto patched = env.call(make("PATCH", "/api/v1/namespaces/default/configmaps/app", R"({"metadata":{"labels":{"x":"y"}}})",
                               {{"content-type", "application/merge-patch+json"}}));
  CHECK(patched.response.status == 200);
  CHECK(patched.json()["metadata"]["labels"]["x"] == "y");

  auto bad_type = env.call(make("PATCH", "/api/v1/namespaces/default/configmaps/app", "{}", {{"content-type", "text/plain"}}));
  CHECK(bad_type.response.status == 415);

  auto dry = env.call(make("DELETE", "/api/v1/namespaces/default/configmaps/app?dryRun=All"));
  CHECK(dry.response.status == 200);
  CHECK(env.call(make("GET", "/api/v1/namespaces/default/configmaps/app")).response.status == 200);

  auto del = env.call(make("DELETE", "/api/v1/namespaces/default/configmaps/app", R"({"propagationPolicy":"Background"})"));
  CHECK(del.response.status == 200);
  CHECK(del.json()["kind"] == "Status");
  CHECK(del.json()["status"] == "Success");
  CHECK(del.json()["details"]["name"] == "app");
  CHECK(env.call(make("GET", "/api/v1/namespaces/default/configmaps/app")).response.status == 404);

  // Unknown resources and cluster-scoped kinds under a namespace are 404s.
  CHECK(env.call(make("GET", "/api/v1/namespaces/default/widgets")).response.status == 404);
  CHECK(env.call(make("GET", "/api/v1/namespaces/default/nodes")).response.status == 404);
  CHECK(env.call(make("GET", "/apis/nope.example.com/v1")).response.status == 404);
}

TEST_CASE("pod logs and exec answer a clear Status, never hang", "[serve]") {
  Env env;
  auto nf = env.call(make("GET", "/api/v1/namespaces/default/pods/nope/log"));
  CHECK(nf.response.status == 404);
  const std::string pod = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox"}]}})";
  REQUIRE(env.call(make("POST", "/api/v1/namespaces/default/pods", pod, {{"content-type", "application/json"}}))
              .response.status == 201);
  auto logs = env.call(make("GET", "/api/v1/namespaces/default/pods/p/log?container=c"));
  CHECK(logs.response.status == 400);
  CHECK(logs.json()["message"].get<std::string>().find("not supported yet by this sandbox") != std::string::npos);
  auto exec = env.call(make("GET", "/api/v1/namespaces/default/pods/p/exec?command=ls&stdout=true"));
  CHECK(exec.response.status == 400);
}

TEST_CASE("scale subresource: get, merge patch", "[serve]") {
  Env env;
  const std::string dep = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
    "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
            "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}})";
  REQUIRE(env.call(make("POST", "/apis/apps/v1/namespaces/default/deployments", dep, {{"content-type", "application/json"}}))
              .response.status == 201);
  auto s = env.call(make("GET", "/apis/apps/v1/namespaces/default/deployments/web/scale"));
  CHECK(s.json()["kind"] == "Scale");
  CHECK(s.json()["spec"]["replicas"] == 1);
  auto p = env.call(make("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", R"({"spec":{"replicas":3}})",
                         {{"content-type", "application/merge-patch+json"}}));
  CHECK(p.response.status == 200);
  CHECK(p.json()["spec"]["replicas"] == 3);
  auto d = env.call(make("GET", "/apis/apps/v1/namespaces/default/deployments/web"));
  CHECK(d.json()["spec"]["replicas"] == 3);
}

TEST_CASE("watch streams ADDED for the current state, then changes; 410 as an ERROR event", "[serve]") {
  Env env;
  auto w = env.call(make("GET", "/api/v1/namespaces?watch=true&resourceVersion=0"));
  REQUIRE(w.streamed);
  std::size_t initial = w.chunks.size();
  CHECK(initial >= 4);  // default, kube-node-lease, kube-public, kube-system
  CHECK(Json::parse(w.chunks[0])["type"] == "ADDED");
  CHECK(env.handler.open_watches() == 1);

  auto expired = env.call(make("GET", "/api/v1/configmaps?watch=true&resourceVersion=1"));
  REQUIRE(expired.streamed);
  REQUIRE(expired.chunks.size() == 1);
  Json ev = Json::parse(expired.chunks[0]);
  CHECK(ev["type"] == "ERROR");
  CHECK(ev["object"]["code"] == 410);
  CHECK(ev["object"]["reason"] == "Expired");

  auto table = env.call(make("GET", "/api/v1/namespaces?watch=true", "",
                             {{"accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}}));
  REQUIRE(table.chunks.size() >= 2);
  Json first = Json::parse(table.chunks[0]);
  Json second = Json::parse(table.chunks[1]);
  CHECK(first["object"]["kind"] == "Table");
  CHECK(first["object"]["columnDefinitions"].size() == 3);
  CHECK(second["object"]["columnDefinitions"].is_null());
  CHECK(second["object"]["rows"].size() == 1);

  env.handler.close_watches();
  CHECK(env.handler.open_watches() == 0);
}

TEST_CASE("access reviews answer from RBAC, for the impersonated user", "[serve]") {
  Env env;
  const std::string ssar =
      R"({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",)"
      R"("spec":{"resourceAttributes":{"namespace":"default","verb":"list","resource":"pods"}}})";
  const std::map<std::string, std::string> json = {{"content-type", "application/json"}};
  auto admin = env.call(make("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ssar, json));
  CHECK(admin.response.status == 201);
  CHECK(admin.json()["status"]["allowed"] == true);

  auto h = json;
  h["impersonate-user"] = "alice";
  auto alice = env.call(make("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ssar, h));
  CHECK(alice.json()["status"]["allowed"] == false);

  env.call(make("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles",
                R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r"},)"
                R"("rules":[{"verbs":["list"],"apiGroups":[""],"resources":["pods"]}]})",
                json));
  env.call(make("POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
                R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"b"},)"
                R"("roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"},)"
                R"("subjects":[{"kind":"Group","name":"devs"}]})",
                json));
  h["impersonate-group"] = "ops,devs";  // repeated headers arrive joined
  auto dev = env.call(make("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ssar, h));
  CHECK(dev.json()["status"]["allowed"] == true);
  CHECK(dev.json()["status"]["reason"] == R"(RBAC: allowed by RoleBinding "b/default" of Role "r" to Group "devs")");

  auto who = env.call(make("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                           R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})", h));
  CHECK(who.response.status == 201);
  CHECK(who.json()["status"]["userInfo"]["groups"] == Json::parse(R"(["ops","devs","system:authenticated"])"));

  // Create-only: nothing to get or list.
  CHECK(env.call(make("GET", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")).response.status == 405);
}
