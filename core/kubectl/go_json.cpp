// Go field order for the objects the create generators write (see go_json.h). Each
// table lists a struct's JSON fields in declaration order (k8s.io/api v0.32 types.go;
// embedded TypeMeta first: kind, apiVersion); a field's table is that of its struct, or
// of the items of its list of structs; fields without one print as Go prints maps
// (sorted keys).
#include "core/kubectl/go_json.h"

#include <map>
#include <vector>

#include "core/api/yaml.h"

namespace kt::kubectl {
namespace {

struct Field {
  const char* name;
  const std::vector<Field>* children = nullptr;
};
using Table = std::vector<Field>;

// ---- meta/v1 ------------------------------------------------------------------------------------
const Table kOwnerReference = {{"apiVersion"}, {"kind"}, {"name"}, {"uid"}, {"controller"}, {"blockOwnerDeletion"}};
const Table kObjectMeta = {{"name"},
                           {"generateName"},
                           {"namespace"},
                           {"selfLink"},
                           {"uid"},
                           {"resourceVersion"},
                           {"generation"},
                           {"creationTimestamp"},
                           {"deletionTimestamp"},
                           {"deletionGracePeriodSeconds"},
                           {"labels"},
                           {"annotations"},
                           {"ownerReferences", &kOwnerReference},
                           {"finalizers"},
                           {"managedFields"}};
const Table kRequirement = {{"key"}, {"operator"}, {"values"}};
const Table kLabelSelector = {{"matchLabels"}, {"matchExpressions", &kRequirement}};
const Table kCondition = {{"type"}, {"status"}, {"observedGeneration"}, {"lastTransitionTime"}, {"reason"}, {"message"}};

// ---- core/v1: pod templates ----------------------------------------------------------------------
const Table kContainerPort = {{"name"}, {"hostPort"}, {"containerPort"}, {"protocol"}, {"hostIP"}};
const Table kKeySelector = {{"name"}, {"key"}, {"optional"}};
const Table kEnvVarSource = {{"fieldRef"}, {"resourceFieldRef"}, {"configMapKeyRef", &kKeySelector},
                             {"secretKeyRef", &kKeySelector}};
const Table kEnvVar = {{"name"}, {"value"}, {"valueFrom", &kEnvVarSource}};
const Table kResourceClaim = {{"name"}, {"request"}};
const Table kResources = {{"limits"}, {"requests"}, {"claims", &kResourceClaim}};
const Table kVolumeMount = {{"name"}, {"readOnly"}, {"recursiveReadOnly"}, {"mountPath"}, {"subPath"},
                            {"mountPropagation"}, {"subPathExpr"}};
const Table kContainer = {{"name"},
                          {"image"},
                          {"command"},
                          {"args"},
                          {"workingDir"},
                          {"ports", &kContainerPort},
                          {"envFrom"},
                          {"env", &kEnvVar},
                          {"resources", &kResources},
                          {"resizePolicy"},
                          {"restartPolicy"},
                          {"volumeMounts", &kVolumeMount},
                          {"volumeDevices"},
                          {"livenessProbe"},
                          {"readinessProbe"},
                          {"startupProbe"},
                          {"lifecycle"},
                          {"terminationMessagePath"},
                          {"terminationMessagePolicy"},
                          {"imagePullPolicy"},
                          {"securityContext"},
                          {"stdin"},
                          {"stdinOnce"},
                          {"tty"}};
const Table kToleration = {{"key"}, {"operator"}, {"value"}, {"effect"}, {"tolerationSeconds"}};
const Table kPodSpec = {{"volumes"},
                        {"initContainers", &kContainer},
                        {"containers", &kContainer},
                        {"ephemeralContainers"},
                        {"restartPolicy"},
                        {"terminationGracePeriodSeconds"},
                        {"activeDeadlineSeconds"},
                        {"dnsPolicy"},
                        {"nodeSelector"},
                        {"serviceAccountName"},
                        {"serviceAccount"},
                        {"automountServiceAccountToken"},
                        {"nodeName"},
                        {"hostNetwork"},
                        {"hostPID"},
                        {"hostIPC"},
                        {"shareProcessNamespace"},
                        {"securityContext"},
                        {"imagePullSecrets"},
                        {"hostname"},
                        {"subdomain"},
                        {"affinity"},
                        {"schedulerName"},
                        {"tolerations", &kToleration},
                        {"hostAliases"},
                        {"priorityClassName"},
                        {"priority"},
                        {"dnsConfig"},
                        {"readinessGates"},
                        {"runtimeClassName"},
                        {"enableServiceLinks"},
                        {"preemptionPolicy"},
                        {"overhead"},
                        {"topologySpreadConstraints"},
                        {"setHostnameAsFQDN"},
                        {"os"},
                        {"hostUsers"},
                        {"schedulingGates"},
                        {"resourceClaims"},
                        {"resources", &kResources}};
const Table kPodTemplateSpec = {{"metadata", &kObjectMeta}, {"spec", &kPodSpec}};

// ---- apps/v1 Deployment --------------------------------------------------------------------------
const Table kRollingUpdate = {{"maxUnavailable"}, {"maxSurge"}};
const Table kStrategy = {{"type"}, {"rollingUpdate", &kRollingUpdate}};
const Table kDeploymentSpec = {{"replicas"},
                               {"selector", &kLabelSelector},
                               {"template", &kPodTemplateSpec},
                               {"strategy", &kStrategy},
                               {"minReadySeconds"},
                               {"revisionHistoryLimit"},
                               {"paused"},
                               {"progressDeadlineSeconds"}};
const Table kDeploymentCondition = {{"type"},           {"status"}, {"lastUpdateTime"}, {"lastTransitionTime"},
                                    {"reason"},         {"message"}};
const Table kDeploymentStatus = {{"observedGeneration"}, {"replicas"},
                                 {"updatedReplicas"},    {"readyReplicas"},
                                 {"availableReplicas"},  {"unavailableReplicas"},
                                 {"terminatingReplicas"}, {"conditions", &kDeploymentCondition},
                                 {"collisionCount"}};
const Table kDeployment = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"spec", &kDeploymentSpec},
                           {"status", &kDeploymentStatus}};

// ---- batch/v1 Job, CronJob -----------------------------------------------------------------------
const Table kJobSpec = {{"parallelism"},
                        {"completions"},
                        {"activeDeadlineSeconds"},
                        {"podFailurePolicy"},
                        {"successPolicy"},
                        {"backoffLimit"},
                        {"backoffLimitPerIndex"},
                        {"maxFailedIndexes"},
                        {"selector", &kLabelSelector},
                        {"manualSelector"},
                        {"template", &kPodTemplateSpec},
                        {"ttlSecondsAfterFinished"},
                        {"completionMode"},
                        {"suspend"},
                        {"podReplacementPolicy"},
                        {"managedBy"}};
const Table kJobCondition = {{"type"},   {"status"},  {"lastProbeTime"}, {"lastTransitionTime"},
                             {"reason"}, {"message"}};
const Table kJobStatus = {{"conditions", &kJobCondition},
                          {"startTime"},
                          {"completionTime"},
                          {"active"},
                          {"succeeded"},
                          {"failed"},
                          {"terminating"},
                          {"completedIndexes"},
                          {"failedIndexes"},
                          {"uncountedTerminatedPods"},
                          {"ready"}};
const Table kJob = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"spec", &kJobSpec}, {"status", &kJobStatus}};
const Table kJobTemplateSpec = {{"metadata", &kObjectMeta}, {"spec", &kJobSpec}};
const Table kCronJobSpec = {{"schedule"},
                            {"timeZone"},
                            {"startingDeadlineSeconds"},
                            {"concurrencyPolicy"},
                            {"suspend"},
                            {"jobTemplate", &kJobTemplateSpec},
                            {"successfulJobsHistoryLimit"},
                            {"failedJobsHistoryLimit"}};
const Table kCronJobStatus = {{"active"}, {"lastScheduleTime"}, {"lastSuccessfulTime"}};
const Table kCronJob = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"spec", &kCronJobSpec},
                        {"status", &kCronJobStatus}};

// ---- core/v1 -------------------------------------------------------------------------------------
const Table kNamespaceStatus = {{"phase"}, {"conditions", &kCondition}};
const Table kNamespace = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"spec"}, {"status", &kNamespaceStatus}};
const Table kConfigMap = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"immutable"}, {"data"}, {"binaryData"}};
const Table kSecret = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"immutable"}, {"data"}, {"stringData"},
                       {"type"}};
const Table kServiceAccount = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"secrets"}, {"imagePullSecrets"},
                               {"automountServiceAccountToken"}};
const Table kServicePort = {{"name"}, {"protocol"}, {"appProtocol"}, {"port"}, {"targetPort"}, {"nodePort"}};
const Table kServiceSpec = {{"ports", &kServicePort},
                            {"selector"},
                            {"clusterIP"},
                            {"clusterIPs"},
                            {"type"},
                            {"externalIPs"},
                            {"sessionAffinity"},
                            {"loadBalancerIP"},
                            {"loadBalancerSourceRanges"},
                            {"externalName"},
                            {"externalTrafficPolicy"},
                            {"healthCheckNodePort"},
                            {"publishNotReadyAddresses"},
                            {"sessionAffinityConfig"},
                            {"ipFamilies"},
                            {"ipFamilyPolicy"},
                            {"allocateLoadBalancerNodePorts"},
                            {"loadBalancerClass"},
                            {"internalTrafficPolicy"},
                            {"trafficDistribution"}};
const Table kServiceStatus = {{"loadBalancer"}, {"conditions", &kCondition}};
const Table kService = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"spec", &kServiceSpec},
                        {"status", &kServiceStatus}};

// ---- rbac/v1 -------------------------------------------------------------------------------------
const Table kPolicyRule = {{"verbs"}, {"apiGroups"}, {"resources"}, {"resourceNames"}, {"nonResourceURLs"}};
const Table kRole = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"rules", &kPolicyRule}};
const Table kAggregationRule = {{"clusterRoleSelectors", &kLabelSelector}};
const Table kClusterRole = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"rules", &kPolicyRule},
                            {"aggregationRule", &kAggregationRule}};
const Table kSubject = {{"kind"}, {"apiGroup"}, {"name"}, {"namespace"}};
const Table kRoleRef = {{"apiGroup"}, {"kind"}, {"name"}};
const Table kRoleBinding = {{"kind"}, {"apiVersion"}, {"metadata", &kObjectMeta}, {"subjects", &kSubject},
                            {"roleRef", &kRoleRef}};

const Table* table_for(const Json& obj) {
  static const std::map<std::string, const Table*> tables = {
      {"apps/v1/Deployment", &kDeployment},
      {"batch/v1/Job", &kJob},
      {"batch/v1/CronJob", &kCronJob},
      {"v1/Namespace", &kNamespace},
      {"v1/ConfigMap", &kConfigMap},
      {"v1/Secret", &kSecret},
      {"v1/ServiceAccount", &kServiceAccount},
      {"v1/Service", &kService},
      {"rbac.authorization.k8s.io/v1/Role", &kRole},
      {"rbac.authorization.k8s.io/v1/ClusterRole", &kClusterRole},
      {"rbac.authorization.k8s.io/v1/RoleBinding", &kRoleBinding},
      {"rbac.authorization.k8s.io/v1/ClusterRoleBinding", &kRoleBinding}};
  if (!obj.is_object()) return nullptr;
  const auto it = tables.find(obj.value("apiVersion", std::string()) + "/" + obj.value("kind", std::string()));
  return it == tables.end() ? nullptr : it->second;
}

std::string indent(int depth) { return std::string(static_cast<std::size_t>(depth) * 4, ' '); }

// A value without a table: as Go prints maps (sorted keys), re-indented to `depth`.
std::string plain(const Json& v, int depth) {
  std::string s = api::to_json_pretty(v);
  s.pop_back();  // its newline
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += indent(depth);
  }
  return out;
}

std::string value(const Json& v, const Table* fields, int depth);

std::string object(const Json& v, const Table& fields, int depth) {
  std::vector<std::string> members;
  for (const auto& f : fields)
    if (v.contains(f.name))
      members.push_back(indent(depth + 1) + "\"" + f.name + "\": " + value(v[f.name], f.children, depth + 1));
  for (auto it = v.begin(); it != v.end(); ++it) {  // the fields the table does not list, sorted
    bool listed = false;
    for (const auto& f : fields) listed = listed || it.key() == f.name;
    if (!listed) members.push_back(indent(depth + 1) + plain(Json(it.key()), 0) + ": " + plain(it.value(), depth + 1));
  }
  if (members.empty()) return "{}";
  std::string out = "{\n";
  for (std::size_t i = 0; i < members.size(); ++i) out += members[i] + (i + 1 < members.size() ? ",\n" : "\n");
  return out + indent(depth) + "}";
}

std::string value(const Json& v, const Table* fields, int depth) {
  if (!fields) return plain(v, depth);
  if (v.is_array()) {
    if (v.empty()) return "[]";
    std::string out = "[\n";
    for (std::size_t i = 0; i < v.size(); ++i)
      out += indent(depth + 1) + value(v[i], fields, depth + 1) + (i + 1 < v.size() ? ",\n" : "\n");
    return out + indent(depth) + "]";
  }
  if (!v.is_object()) return plain(v, depth);
  return object(v, *fields, depth);
}

}  // namespace

bool go_json_known(const Json& obj) { return table_for(obj) != nullptr; }

std::string go_json(const Json& obj) {
  const Table* t = table_for(obj);
  return (t ? object(obj, *t, 0) : plain(obj, 0)) + "\n";
}

}  // namespace kt::kubectl
