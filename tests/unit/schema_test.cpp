// core/api/schema: field tables of every built-in kind and kube-apiserver's strict
// decoding texts. Type-error texts follow Go's encoding/json UnmarshalTypeError; the ones
// kubectl can produce offline were checked against kubectl v1.32.5.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "core/api/resources.h"
#include "core/api/schema.h"
#include "core/api/yaml.h"

using kt::Json;
using namespace kt::api;

namespace {

const ResourceInfo& res(const char* api_version, const char* kind) {
  const ResourceInfo* r = ResourceRegistry::builtin().find_kind(api_version, kind);
  REQUIRE(r != nullptr);
  return *r;
}

std::vector<std::string> messages(const std::vector<DecodeIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.message);
  return out;
}

std::vector<DecodeIssue> check_yaml(const std::string& text) {
  auto docs = parse_yaml_documents(text);
  REQUIRE(docs.size() == 1);
  const Json& o = docs[0];
  return check_against_schema(res(o["apiVersion"].get<std::string>().c_str(), o["kind"].get<std::string>().c_str()), o);
}

const char* kDeploy =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
    "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
    "    spec:\n      containers:\n      - name: nginx\n        image: nginx\n";

}  // namespace

TEST_CASE("schema: every served kind has a schema with apiVersion, kind and metadata", "[schema]") {
  for (const auto& r : ResourceRegistry::builtin().all()) {
    INFO(r.api_version() << " " << r.kind);
    const SchemaNode* n = schema_for(r);
    REQUIRE(n != nullptr);
    CHECK(n->kind == SchemaNode::Kind::Object);
    if (r.kind == "ComponentStatus" || r.kind == "Binding" || r.kind == "Event") continue;
    CHECK(n->field("apiVersion") != nullptr);
    CHECK(n->field("kind") != nullptr);
    CHECK(n->field("metadata") != nullptr);
  }
}

TEST_CASE("schema: ObjectMeta is complete", "[schema]") {
  const SchemaNode* meta = schema_at(res("v1", "Pod"), "metadata");
  REQUIRE(meta != nullptr);
  CHECK(meta->type_name == "ObjectMeta");
  const char* names[] = {"annotations", "creationTimestamp", "deletionGracePeriodSeconds", "deletionTimestamp",
                         "finalizers", "generateName", "generation", "labels", "managedFields", "name",
                         "namespace", "ownerReferences", "resourceVersion", "selfLink", "uid"};
  std::vector<std::string> got;
  for (const auto& f : meta->fields) got.push_back(f.name);
  CHECK(got == std::vector<std::string>(std::begin(names), std::end(names)));
  CHECK(meta->field("creationTimestamp")->node->kind == SchemaNode::Kind::Time);
  CHECK(meta->field("labels")->go_type == "map[string]string");
  CHECK(meta->field("ownerReferences")->node->elem->field("controller") != nullptr);
  CHECK(meta->field("uid")->go_type == "types.UID");
}

TEST_CASE("schema: field lookup finds every field, also among names sharing 8 bytes", "[schema]") {
  // Container has terminationMessagePath/terminationMessagePolicy (a shared 8-byte and
  // longer prefix), PodSpec has terminationGracePeriodSeconds and the prefix pair
  // hostname/hostNetwork/hostPID/hostIPC/hostUsers.
  for (const char* path : {"spec.containers", "spec"}) {
    const SchemaNode* n = schema_at(res("v1", "Pod"), path);
    REQUIRE(n != nullptr);
    if (n->kind == SchemaNode::Kind::Array) n = n->elem;
    REQUIRE(n->kind == SchemaNode::Kind::Object);
    for (const auto& f : n->fields) {
      const SchemaField* found = n->field(f.name);
      REQUIRE(found != nullptr);
      CHECK(found->name == f.name);
    }
  }
  const SchemaNode* c = schema_at(res("v1", "Pod"), "spec.containers");
  REQUIRE(c != nullptr);
  c = c->elem;
  CHECK(c->field("terminationMessagePath")->name == "terminationMessagePath");
  CHECK(c->field("terminationMessagePolicy")->name == "terminationMessagePolicy");
  CHECK(c->field("terminationMessage") == nullptr);  // same 8-byte key, no such field
  CHECK(c->field("terminat") == nullptr);
  CHECK(c->field("") == nullptr);
  CHECK(c->field("imagee") == nullptr);
  CHECK(c->field("zzzzzzzzzz") == nullptr);
  const SchemaNode* spec = schema_at(res("v1", "Pod"), "spec");
  CHECK(spec->field("hostname")->name == "hostname");
  CHECK(spec->field("host") == nullptr);
  CHECK(spec->field("hostPID")->name == "hostPID");
}

TEST_CASE("schema: shared sub-schemas and lookups by path", "[schema]") {
  const auto& deploy = res("apps/v1", "Deployment");
  const auto& pod = res("v1", "Pod");
  // The Deployment's pod template uses the same PodSpec node as a Pod.
  CHECK(schema_at(deploy, "spec.template.spec") == schema_at(pod, "spec"));
  const SchemaField* image = schema_field_at(deploy, "spec.template.spec.containers.image");
  REQUIRE(image != nullptr);
  CHECK(image->go_type == "string");
  CHECK(image->description.rfind("Container image name.", 0) == 0);
  const SchemaField* containers = schema_field_at(pod, "spec.containers");
  REQUIRE(containers != nullptr);
  CHECK(containers->required);
  CHECK(containers->go_type == "[]v1.Container");
  CHECK(containers->node->kind == SchemaNode::Kind::Array);
  CHECK(containers->node->elem->type_name == "Container");
  CHECK(schema_field_at(pod, "spec.containers.resources.limits")->node->elem->kind == SchemaNode::Kind::Quantity);
  CHECK(schema_field_at(pod, "spec.containers.ports.containerPort")->go_type == "int32");
  CHECK(schema_at(res("v1", "Service"), "spec.ports.targetPort")->kind == SchemaNode::Kind::IntOrString);
  CHECK(schema_at(res("apps/v1", "StatefulSet"), "spec.volumeClaimTemplates.spec.resources.requests") != nullptr);
  CHECK(schema_at(res("batch/v1", "CronJob"), "spec.jobTemplate.spec.template.spec.restartPolicy") != nullptr);
  CHECK(schema_at(res("networking.k8s.io/v1", "Ingress"), "spec.tls.secretName") != nullptr);
  CHECK(schema_at(res("autoscaling/v2", "HorizontalPodAutoscaler"), "spec.metrics.resource.target.averageUtilization") != nullptr);
  CHECK(schema_at(res("autoscaling/v1", "HorizontalPodAutoscaler"), "spec.targetCPUUtilizationPercentage") != nullptr);
  CHECK(schema_at(res("events.k8s.io/v1", "Event"), "eventTime")->type_name == "MicroTime");
  CHECK(schema_at(pod, "spec.bogus") == nullptr);
  CHECK(schema_at(pod, "") == schema_for(pod));
}

TEST_CASE("schema: a valid manifest has no issues", "[schema]") {
  CHECK(check_yaml(kDeploy).empty());
  CHECK(decode_error_message(res("apps/v1", "Deployment"), {}).empty());
}

TEST_CASE("schema: unknown fields at several depths, with list indexes", "[schema]") {
  std::string text =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labelz: {a: b}\nspec:\n  replica: 2\n"
      "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
      "    spec:\n      containers:\n      - name: a\n        image: nginx\n      - name: nginx\n        imagee: nginx\n"
      "        ports:\n        - containerPort: 80\n          hostport: 8080\n      bogusField: 1\n";
  auto issues = check_yaml(text);
  CHECK(messages(issues) == std::vector<std::string>{
                                "unknown field \"metadata.labelz\"",
                                "unknown field \"spec.replica\"",
                                "unknown field \"spec.template.spec.bogusField\"",
                                "unknown field \"spec.template.spec.containers[1].imagee\"",
                                "unknown field \"spec.template.spec.containers[1].ports[0].hostport\"",
                            });
  CHECK(issues[3].kind == DecodeIssue::UnknownField);
  CHECK(issues[3].path == "spec.template.spec.containers[1].imagee");
  CHECK(strict_decoding_message(issues) ==
        "strict decoding error: unknown field \"metadata.labelz\", unknown field \"spec.replica\", "
        "unknown field \"spec.template.spec.bogusField\", unknown field \"spec.template.spec.containers[1].imagee\", "
        "unknown field \"spec.template.spec.containers[1].ports[0].hostport\"");
  CHECK(decode_error_message(res("apps/v1", "Deployment"), issues) ==
        "Deployment in version \"v1\" cannot be handled as a Deployment: " + strict_decoding_message(issues));
}

TEST_CASE("schema: field names match case-sensitively", "[schema]") {
  auto issues = check_yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  Name: x\nspec:\n  containers:\n  - name: a\n    Image: b\n");
  CHECK(messages(issues) == std::vector<std::string>{"unknown field \"metadata.Name\"", "unknown field \"spec.containers[0].Image\""});
}

TEST_CASE("schema: wrong types give Go's UnmarshalTypeError text", "[schema]") {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::string D = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n";
  const Case cases[] = {
      {D + "  replicas: \"3\"\n", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"},
      {D + "  replicas: 1.5\n", "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"},
      {D + "  replicas: 99999999999\n",
       "json: cannot unmarshal number 99999999999 into Go struct field DeploymentSpec.spec.replicas of type int32"},
      {D + "  template:\n    spec:\n      containers:\n      - name: a\n        ports:\n        - containerPort: \"80\"\n",
       "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32"},
      {D + "  template:\n    spec:\n      containers:\n        name: a\n",
       "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container"},
      {D + "  template:\n    spec:\n      containers:\n      - name: a\n        command: sleep 10\n",
       "json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string"},
      {D + "  template:\n    metadata:\n      labels:\n        app: 1\n",
       "json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string"},
      {D + "  template:\n    spec:\n      restartPolicy: 5\n",
       "json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy"},
      {D + "  paused: \"yes\"\n", "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool"},
      {D + "  selector: [app]\n", "json: cannot unmarshal array into Go struct field DeploymentSpec.spec.selector of type v1.LabelSelector"},
      {"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    env:\n    - name: A\n      value: 80\n",
       "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string"},
      // metav1.Time: kubectl v1.32 prints exactly these two.
      {"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  creationTimestamp: 5\n",
       "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string"},
      {"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  creationTimestamp: yesterday\n",
       "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\""},
      // resource.Quantity and intstr.IntOrString decode themselves.
      {D + "  template:\n    spec:\n      containers:\n      - name: a\n        resources:\n          limits:\n            cpu: abc\n",
       "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"},
      {D + "  template:\n    spec:\n      containers:\n      - name: a\n        resources:\n          limits:\n            cpu: 1x\n",
       "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"},
      {D + "  template:\n    spec:\n      containers:\n      - name: a\n        resources:\n          limits:\n            memory: 1Qi\n",
       "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"},
      {D + "  strategy:\n    rollingUpdate:\n      maxSurge: 1.5\n",
       "json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32"},
      {D + "  strategy:\n    rollingUpdate:\n      maxSurge: true\n",
       "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32"},
      {"apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: 80\n    targetPort: [1]\n",
       "json: cannot unmarshal array into Go struct field ServicePort.spec.ports.targetPort of type int32"},
      // Secret data must be base64.
      {"apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  a: not base64!\n", "illegal base64 data at input byte 3"},
  };
  for (const auto& c : cases) {
    INFO(c.body);
    auto issues = check_yaml(c.body);
    REQUIRE(!issues.empty());
    CHECK(issues.front().kind == DecodeIssue::WrongType);
    CHECK(issues.front().message == c.message);
  }
}

TEST_CASE("schema: values that decode fine", "[schema]") {
  CHECK(check_yaml("apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  a: YWJj\n  b: YWI=\nstringData:\n  c: plain\n").empty());
  CHECK(check_yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  creationTimestamp: \"2024-01-02T03:04:05Z\"\n"
                   "  labels: null\nspec:\n  containers:\n  - name: a\n    resources:\n      limits: {cpu: 500m, memory: 1Gi}\n"
                   "      requests: {cpu: 0.25, memory: 1e3, ephemeral-storage: 2E}\n")
            .empty());
  CHECK(check_yaml("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: 80\n    targetPort: http\n"
                   "  - port: 81\n    targetPort: 8081\n")
            .empty());
  // Anything goes under x-kubernetes-preserve-unknown-fields / RawExtension.
  CHECK(check_yaml("apiVersion: apps/v1\nkind: ControllerRevision\nmetadata:\n  name: x\nrevision: 1\ndata:\n  any: [thing, {x: 1}]\n").empty());
}

TEST_CASE("schema: which error the API server reports", "[schema]") {
  const auto& deploy = res("apps/v1", "Deployment");
  // A type error wins over unknown fields; only the first type error is reported.
  auto issues = check_yaml(std::string(kDeploy) + "  bogus: 1\n  paused: \"no\"\n  minReadySeconds: \"5\"\n");
  CHECK(decode_error_message(deploy, issues) ==
        "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct "
        "field DeploymentSpec.spec.minReadySeconds of type int32");
  // A failing custom unmarshaler stops decoding and wins over an earlier type error.
  issues = check_yaml(std::string(kDeploy) +
                      "  minReadySeconds: \"5\"\n  strategy:\n    rollingUpdate:\n      maxSurge: 1.5\n      maxUnavailable: 1.5\n");
  REQUIRE(issues.size() == 2);
  CHECK(issues.back().fatal);
  CHECK(decode_error_message(deploy, issues) ==
        "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go "
        "struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32");
}

TEST_CASE("schema: seed manifests parse and carry no unknown fields", "[schema]") {
  // Fixtures copied from shared/seeds (see tests/fixtures/seeds/README.md). Read from the
  // source tree; skipped where the file system is not reachable (wasm).
  std::string dir = __FILE__;
  dir = dir.substr(0, dir.rfind('/')) + "/../fixtures/seeds/";
  const char* files[] = {"deployment-nginx.yml", "rs-nginx.yml",    "daemonset-nginx.yml", "job.yml",
                         "job2.yml",             "cronjob.yml",     "tomcat-nginx.yaml",   "ingress-https.yaml",
                         "svc.yaml",             "statefulset.yaml", "elasticsearch-svc.yaml", "nfs-client.yaml",
                         "nfs-client-sa.yaml",   "elasticsearch-storageclass.yaml", "elasticsearch-statefulset.yaml",
                         "kubernetes-dashboard.yaml", "dash-user.yaml"};
  int objects = 0;
  for (const char* f : files) {
    std::ifstream in(dir + f);
    // __FILE__ is relative to the build directory (where ctest runs the suite);
    // from the repository root the fixtures are under tests/.
    if (!in) in.open(std::string("tests/fixtures/seeds/") + f);
    if (!in) FAIL("fixture not readable: " << dir + f);
    std::stringstream ss;
    ss << in.rdbuf();
    INFO(f);
    auto docs = parse_yaml_documents(ss.str());
    CHECK(!docs.empty());
    for (const auto& o : docs) {
      std::string av = o.value("apiVersion", ""), kind = o.value("kind", "");
      // Removed group versions the tutorials still use: check them as their successors.
      if (av == "batch/v1beta1") av = "batch/v1";
      if (av == "extensions/v1beta1") av = "apps/v1";
      const ResourceInfo* r = ResourceRegistry::builtin().find_kind(av, kind);
      INFO(av << " " << kind);
      REQUIRE(r != nullptr);
      CHECK(messages(check_against_schema(*r, o)).empty());
      ++objects;
    }
  }
  CHECK(objects >= 30);
}

TEST_CASE("schema: the tutorial's batch/v1beta1 CronJob is not served in v1.32", "[schema]") {
  CHECK(ResourceRegistry::builtin().find_kind("batch/v1beta1", "CronJob") == nullptr);
}
