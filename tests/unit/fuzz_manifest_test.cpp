// Fuzz-style tests of the manifest readers (issue 5): valid manifests, mutated by a
// seeded generator (fuzz_support.h), go to the YAML/JSON decoder, `kubectl apply -f`
// and `kubectl create -f`. Every case must end without a crash or an escaping
// exception; a failing command must print an error line as kubectl does ("error: ",
// "Error from server", "The X \"y\" is invalid") and no C++ runtime text; and the
// sandbox must still answer `kubectl get nodes` afterwards. Thousands of cases, the
// same ones on every run and platform; a hang would stop the test (ctest's timeout).
//   1. seeds
//   2. the decoder alone
//   3. text mutations through apply/create
//   4. type mutations of parsed objects (wrong types, huge and negative numbers)
#include <catch2/catch.hpp>

#include <map>

#include "core/api/yaml.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"
#include "tests/unit/fuzz_support.h"

namespace {

using kt::testing::FuzzRng;

// ---- 1. seeds ---------------------------------------------------------------------------------------

const std::vector<std::string>& seeds() {
  static const std::vector<std::string> s = {
      R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
            memory: 128Mi
        env:
        - name: A
          value: "1"
)",
      R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080
)",
      R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  key: value
  multi: |
    line one
    line two
---
apiVersion: v1
kind: Secret
metadata:
  name: sec
type: Opaque
data:
  password: cGFzc3dvcmQ=
)",
      R"(apiVersion: v1
kind: Pod
metadata:
  name: busy
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "echo hi; sleep 3600"]
    readinessProbe:
      exec:
        command: [cat, /tmp/ready]
      initialDelaySeconds: 5
      periodSeconds: 10
  tolerations:
  - key: node-role.kubernetes.io/control-plane
    operator: Exists
    effect: NoSchedule
)",
      R"(apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: t
            image: busybox
            args: [date]
)",
      R"(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: redis:7
        volumeMounts:
        - {name: data, mountPath: /data}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
)",
      R"({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
 "metadata": {"name": "ing", "annotations": {"a": "b"}},
 "spec": {"ingressClassName": "nginx",
  "tls": [{"hosts": ["a.example.com"], "secretName": "tls"}],
  "rules": [{"host": "a.example.com", "http": {"paths": [
   {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}}
)",
      R"({"apiVersion": "v1", "kind": "List", "items": [
 {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "fz"}},
 {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web"},
  "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
   "minReplicas": 1, "maxReplicas": 5,
   "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]}},
 {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r"},
  "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}]}
)",
      R"(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 1}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: a
        image: fluentd
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
)",
      R"(apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
  minAvailable: 50%
  selector:
    matchExpressions:
    - {key: app, operator: In, values: [web]}
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: q
spec:
  hard:
    pods: "10"
    requests.cpu: "4"
---
apiVersion: v1
kind: LimitRange
metadata:
  name: lr
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
)",
  };
  return s;
}

// A sandbox, its files, and kubectl run on them with the checks every case shares.
struct FuzzEnv {
  kt::Sandbox sb{kt::SandboxOptions{.scenario = "default", .seed = 1}};
  std::map<std::string, std::string> files;
  int failures_seen = 0;

  kt::CommandResult kubectl(const std::vector<std::string>& args, const std::string& stdin_text) {
    kt::term::CommandContext ctx;
    ctx.stdin_data = stdin_text;
    return kt::kubectl::run(sb, args, ctx);
  }

  // Runs one case; returns the output for the caller's own checks.
  void check_case(const std::vector<std::string>& args, const std::string& manifest) {
    kt::CommandResult r;
    try {
      r = kubectl(args, manifest);
    } catch (const std::exception& e) {
      FAIL("exception escaped kubectl " << args[0] << ": " << e.what() << "\ninput:\n" << manifest);
    }
    const auto leaked = kt::testing::leaked_exception_lines(r.output);
    if (!leaked.empty()) FAIL("C++ text in kubectl's output: " << leaked[0] << "\ninput:\n" << manifest);
    if (r.exit_code != 0) {
      ++failures_seen;
      if (!kt::testing::has_error_line(r.output))
        FAIL("a failure without an error line:\n" << r.output << "\ninput:\n" << manifest);
    }
  }

  void check_still_answers() {
    auto r = kubectl({"get", "nodes"}, "");
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.output.find("k8s-master") != std::string::npos);
  }
};

}  // namespace

// ---- 2. the decoder alone ---------------------------------------------------------------------

TEST_CASE("fuzz: the YAML/JSON decoder answers malformed input with YamlError only", "[fuzz]") {
  FuzzRng rng(20241122);
  int errors = 0, parsed = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::string text = kt::testing::mutate_text(rng, rng.pick(seeds()));
    try {
      auto docs = kt::api::parse_yaml_documents(text);
      ++parsed;
      for (const auto& d : docs) (void)kt::api::to_yaml(d);  // what was read can be printed back
    } catch (const kt::api::YamlError& e) {
      ++errors;
      const std::string what = e.what();
      CHECK(!what.empty());
      INFO(what);
      CHECK(kt::testing::leaked_exception_lines(what).empty());
    } catch (const std::exception& e) {
      FAIL("not a YamlError: " << e.what() << "\ninput:\n" << text);
    }
  }
  // Both outcomes occur: the mutations make real errors, and leave some input valid.
  CHECK(errors > 500);
  CHECK(parsed > 500);
}

// ---- 3. text mutations through apply and create ------------------------------------------------

TEST_CASE("fuzz: kubectl apply -f and create -f with mutated manifests", "[fuzz]") {
  FuzzEnv env;
  FuzzRng rng(5);
  for (int i = 0; i < 1500; ++i) {
    const std::string text = kt::testing::mutate_text(rng, rng.pick(seeds()));
    const bool apply = rng.chance(50);
    std::vector<std::string> args = {apply ? "apply" : "create", "-f", "-"};
    if (rng.chance(20)) args.push_back("--dry-run=server");
    if (rng.chance(10)) args.push_back("-o=yaml");
    env.check_case(args, text);
    if (i % 500 == 499) env.check_still_answers();
  }
  CHECK(env.failures_seen > 300);
  env.check_still_answers();
}

// ---- 4. type mutations ------------------------------------------------------------------------------

namespace {

// Every path to a value in `j` ("/spec/replicas" as a JSON pointer).
void paths(const kt::Json& j, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) paths(it.value(), at + "/" + it.key(), out);
  else if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i) paths(j[i], at + "/" + std::to_string(i), out);
}

kt::Json odd_value(FuzzRng& rng) {
  switch (rng.below(12)) {
    case 0: return "text";
    case 1: return 9223372036854775807LL;
    case 2: return -1;
    case 3: return -9223372036854775807LL - 1;
    case 4: return 1.5e300;
    case 5: return kt::Json::array({1, "two", nullptr});
    case 6: return kt::Json::object();
    case 7: return nullptr;
    case 8: return true;
    case 9: return "";
    case 10: return std::string(300, 'x');
    default: return kt::Json::array();
  }
}

}  // namespace

TEST_CASE("fuzz: kubectl apply -f and create -f with fields of the wrong type", "[fuzz]") {
  FuzzEnv env;
  FuzzRng rng(42);
  std::vector<kt::Json> objects;
  for (const auto& s : seeds())
    for (auto& d : kt::api::parse_yaml_documents(s)) objects.push_back(d);
  for (int i = 0; i < 1500; ++i) {
    kt::Json obj = rng.pick(objects);
    std::vector<std::string> ps;
    paths(obj, "", ps);
    const int n = 1 + static_cast<int>(rng.below(3));
    for (int k = 0; k < n; ++k) {
      const std::string p = rng.pick(ps);
      if (p.empty()) continue;
      try {
        obj[kt::Json::json_pointer(p)] = odd_value(rng);
      } catch (const std::exception&) {  // the path went away with an earlier change
      }
    }
    const std::string text = rng.chance(50) ? obj.dump() : kt::api::to_yaml(obj);
    env.check_case({rng.chance(50) ? "apply" : "create", "-f", "-"}, text);
    if (i % 500 == 499) env.check_still_answers();
  }
  CHECK(env.failures_seen > 300);
  env.check_still_answers();
}
