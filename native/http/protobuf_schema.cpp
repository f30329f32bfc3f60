// The protobuf messages this sandbox decodes, with the field numbers of k8s.io/api's
// and k8s.io/apimachinery's generated.proto files (numbers never change once
// published). `pointer` marks fields kept in JSON even when zero: Go pointers, and
// plain fields whose JSON tag has no omitempty (ServicePort.port, PDB status counts).
// Covered: what kubectl v1.32's `create` subcommands send (namespace, configmap,
// secret, serviceaccount, deployment, service, job, cronjob, role, clusterrole,
// rolebinding, clusterrolebinding, quota, priorityclass, poddisruptionbudget) with the
// pod template fields those may carry, the Eviction that `kubectl drain` posts and
// the autoscaling/v1 HorizontalPodAutoscaler of `kubectl autoscale`.
#include <map>

#include "native/http/protobuf.h"

namespace kt::http::protobuf {
namespace {

using T = FieldType;

FieldDef s(int n, const char* j) { return {n, j, T::String}; }
FieldDef sp(int n, const char* j) { return {n, j, T::String, nullptr, false, true}; }
FieldDef ss(int n, const char* j) { return {n, j, T::String, nullptr, true}; }
FieldDef i32(int n, const char* j) { return {n, j, T::Int32}; }
FieldDef i32p(int n, const char* j) { return {n, j, T::Int32, nullptr, false, true}; }
FieldDef i64(int n, const char* j) { return {n, j, T::Int64}; }
FieldDef i64p(int n, const char* j) { return {n, j, T::Int64, nullptr, false, true}; }
FieldDef b(int n, const char* j) { return {n, j, T::Bool}; }
FieldDef bp(int n, const char* j) { return {n, j, T::Bool, nullptr, false, true}; }
FieldDef m(int n, const char* j, const char* msg) { return {n, j, T::Message, msg}; }
FieldDef ms(int n, const char* j, const char* msg) { return {n, j, T::Message, msg, true}; }
FieldDef inl(int n, const char* msg) { return {n, "", T::Message, msg, false, false, true}; }
FieldDef map_ss(int n, const char* j) { return {n, j, T::MapStringString}; }
FieldDef map_sb(int n, const char* j) { return {n, j, T::MapStringBytes}; }
FieldDef map_sq(int n, const char* j) { return {n, j, T::MapStringQuantity}; }
FieldDef time(int n, const char* j) { return {n, j, T::Time}; }
FieldDef ios(int n, const char* j) { return {n, j, T::IntOrString}; }
FieldDef iosp(int n, const char* j) { return {n, j, T::IntOrString, nullptr, false, true}; }
FieldDef qty(int n, const char* j) { return {n, j, T::Quantity}; }

const std::vector<MessageDef>& messages() {
  static const std::vector<MessageDef> all = {
      // ---- k8s.io/apimachinery/pkg/apis/meta/v1 ----
      {"ObjectMeta",
       {s(1, "name"), s(2, "generateName"), s(3, "namespace"), s(4, "selfLink"), s(5, "uid"), s(6, "resourceVersion"),
        i64(7, "generation"), time(8, "creationTimestamp"), time(9, "deletionTimestamp"),
        i64p(10, "deletionGracePeriodSeconds"), map_ss(11, "labels"), map_ss(12, "annotations"),
        ms(13, "ownerReferences", "OwnerReference"), ss(14, "finalizers")}},
      {"OwnerReference",
       {s(5, "apiVersion"), s(1, "kind"), s(3, "name"), s(4, "uid"), bp(6, "controller"),
        bp(7, "blockOwnerDeletion")}},
      {"LabelSelector", {map_ss(1, "matchLabels"), ms(2, "matchExpressions", "LabelSelectorRequirement")}},
      {"LabelSelectorRequirement", {sp(1, "key"), sp(2, "operator"), ss(3, "values")}},

      // ---- k8s.io/api/core/v1 ----
      {"Namespace", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "NamespaceSpec"), m(3, "status", "NamespaceStatus")}},
      {"NamespaceSpec", {ss(1, "finalizers")}},
      {"NamespaceStatus", {s(1, "phase")}},
      {"ConfigMap",
       {m(1, "metadata", "ObjectMeta"), map_ss(2, "data"), map_sb(3, "binaryData"), bp(4, "immutable")}},
      {"Secret",
       {m(1, "metadata", "ObjectMeta"), map_sb(2, "data"), s(3, "type"), map_ss(4, "stringData"),
        bp(5, "immutable")}},
      {"ServiceAccount",
       {m(1, "metadata", "ObjectMeta"), ms(2, "secrets", "ObjectReference"),
        ms(3, "imagePullSecrets", "LocalObjectReference"), bp(4, "automountServiceAccountToken")}},
      {"ObjectReference",
       {s(1, "kind"), s(2, "namespace"), s(3, "name"), s(4, "uid"), s(5, "apiVersion"), s(6, "resourceVersion"),
        s(7, "fieldPath")}},
      {"LocalObjectReference", {s(1, "name")}},
      {"Service", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "ServiceSpec"), m(3, "status", "ServiceStatus")}},
      {"ServiceSpec",
       {ms(1, "ports", "ServicePort"), map_ss(2, "selector"), s(3, "clusterIP"), ss(18, "clusterIPs"), s(4, "type"),
        ss(5, "externalIPs"), s(7, "sessionAffinity"), s(8, "loadBalancerIP"), ss(9, "loadBalancerSourceRanges"),
        s(10, "externalName"), s(11, "externalTrafficPolicy"), i32(12, "healthCheckNodePort"),
        b(13, "publishNotReadyAddresses"), ss(19, "ipFamilies"), sp(17, "ipFamilyPolicy"),
        bp(20, "allocateLoadBalancerNodePorts"), sp(21, "loadBalancerClass"), sp(22, "internalTrafficPolicy"),
        sp(23, "trafficDistribution")}},
      {"ServicePort",
       {s(1, "name"), s(2, "protocol"), sp(6, "appProtocol"), i32p(3, "port"), ios(4, "targetPort"),
        i32(5, "nodePort")}},
      {"ServiceStatus", {m(1, "loadBalancer", "LoadBalancerStatus")}},
      {"LoadBalancerStatus", {ms(1, "ingress", "LoadBalancerIngress")}},
      {"LoadBalancerIngress", {s(1, "ip"), s(2, "hostname"), sp(3, "ipMode")}},
      {"PodTemplateSpec", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "PodSpec")}},
      {"PodSpec",
       {ms(1, "volumes", "Volume"), ms(20, "initContainers", "Container"), ms(2, "containers", "Container"),
        s(3, "restartPolicy"), i64p(4, "terminationGracePeriodSeconds"), i64p(5, "activeDeadlineSeconds"),
        s(6, "dnsPolicy"), map_ss(7, "nodeSelector"), s(8, "serviceAccountName"), s(9, "serviceAccount"),
        bp(21, "automountServiceAccountToken"), s(10, "nodeName"), b(11, "hostNetwork"), b(12, "hostPID"),
        b(13, "hostIPC"), bp(27, "shareProcessNamespace"), m(14, "securityContext", "PodSecurityContext"),
        ms(15, "imagePullSecrets", "LocalObjectReference"), s(16, "hostname"), s(17, "subdomain"),
        s(19, "schedulerName"), ms(22, "tolerations", "Toleration"), s(24, "priorityClassName"),
        i32p(25, "priority"), sp(29, "runtimeClassName"), bp(30, "enableServiceLinks"),
        sp(31, "preemptionPolicy"), bp(35, "setHostnameAsFQDN"), bp(37, "hostUsers")}},
      {"PodSecurityContext",
       {i64p(2, "runAsUser"), i64p(6, "runAsGroup"), bp(3, "runAsNonRoot"), i64p(5, "fsGroup")}},
      {"Container",
       {sp(1, "name"), s(2, "image"), ss(3, "command"), ss(4, "args"), s(5, "workingDir"),
        ms(6, "ports", "ContainerPort"), ms(19, "envFrom", "EnvFromSource"), ms(7, "env", "EnvVar"),
        m(8, "resources", "ResourceRequirements"), sp(24, "restartPolicy"), ms(9, "volumeMounts", "VolumeMount"),
        m(10, "livenessProbe", "Probe"), m(11, "readinessProbe", "Probe"), m(22, "startupProbe", "Probe"),
        s(13, "terminationMessagePath"), s(20, "terminationMessagePolicy"), s(14, "imagePullPolicy"),
        m(15, "securityContext", "SecurityContext"), b(16, "stdin"), b(17, "stdinOnce"), b(18, "tty")}},
      {"SecurityContext",
       {bp(2, "privileged"), i64p(4, "runAsUser"), i64p(8, "runAsGroup"), bp(5, "runAsNonRoot"),
        bp(6, "readOnlyRootFilesystem"), bp(7, "allowPrivilegeEscalation")}},
      {"ContainerPort", {s(1, "name"), i32(2, "hostPort"), i32p(3, "containerPort"), s(4, "protocol"), s(5, "hostIP")}},
      {"EnvVar", {sp(1, "name"), s(2, "value"), m(3, "valueFrom", "EnvVarSource")}},
      {"EnvVarSource",
       {m(1, "fieldRef", "ObjectFieldSelector"), m(2, "resourceFieldRef", "ResourceFieldSelector"),
        m(3, "configMapKeyRef", "ConfigMapKeySelector"), m(4, "secretKeyRef", "SecretKeySelector")}},
      {"ObjectFieldSelector", {s(1, "apiVersion"), s(2, "fieldPath")}},
      {"ResourceFieldSelector", {s(1, "containerName"), s(2, "resource"), qty(3, "divisor")}},
      {"ConfigMapKeySelector", {inl(1, "LocalObjectReference"), s(2, "key"), bp(3, "optional")}},
      {"SecretKeySelector", {inl(1, "LocalObjectReference"), s(2, "key"), bp(3, "optional")}},
      {"EnvFromSource",
       {s(1, "prefix"), m(2, "configMapRef", "ConfigMapEnvSource"), m(3, "secretRef", "SecretEnvSource")}},
      {"ConfigMapEnvSource", {inl(1, "LocalObjectReference"), bp(2, "optional")}},
      {"SecretEnvSource", {inl(1, "LocalObjectReference"), bp(2, "optional")}},
      {"ResourceRequirements", {map_sq(1, "limits"), map_sq(2, "requests")}},
      {"VolumeMount",
       {s(1, "name"), b(2, "readOnly"), s(3, "mountPath"), s(4, "subPath"), sp(5, "mountPropagation"),
        s(6, "subPathExpr")}},
      {"Volume", {s(1, "name"), inl(2, "VolumeSource")}},
      {"VolumeSource",
       {m(1, "hostPath", "HostPathVolumeSource"), m(2, "emptyDir", "EmptyDirVolumeSource"),
        m(6, "secret", "SecretVolumeSource"), m(10, "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource"),
        m(19, "configMap", "ConfigMapVolumeSource")}},
      {"HostPathVolumeSource", {s(1, "path"), sp(2, "type")}},
      {"EmptyDirVolumeSource", {s(1, "medium"), {2, "sizeLimit", T::Quantity, nullptr, false, true}}},
      {"SecretVolumeSource",
       {s(1, "secretName"), ms(2, "items", "KeyToPath"), i32p(3, "defaultMode"), bp(4, "optional")}},
      {"ConfigMapVolumeSource",
       {inl(1, "LocalObjectReference"), ms(2, "items", "KeyToPath"), i32p(3, "defaultMode"), bp(4, "optional")}},
      {"KeyToPath", {sp(1, "key"), sp(2, "path"), i32p(3, "mode")}},
      {"PersistentVolumeClaimVolumeSource", {s(1, "claimName"), b(2, "readOnly")}},
      {"Toleration",
       {s(1, "key"), s(2, "operator"), s(3, "value"), s(4, "effect"), i64p(5, "tolerationSeconds")}},
      {"Probe",
       {inl(1, "ProbeHandler"), i32(2, "initialDelaySeconds"), i32(3, "timeoutSeconds"), i32(4, "periodSeconds"),
        i32(5, "successThreshold"), i32(6, "failureThreshold"), i64p(7, "terminationGracePeriodSeconds")}},
      {"ProbeHandler",
       {m(1, "exec", "ExecAction"), m(2, "httpGet", "HTTPGetAction"), m(3, "tcpSocket", "TCPSocketAction")}},
      {"ExecAction", {ss(1, "command")}},
      {"HTTPGetAction", {s(1, "path"), ios(2, "port"), s(3, "host"), s(4, "scheme")}},
      {"TCPSocketAction", {ios(1, "port"), s(2, "host")}},
      {"ResourceQuota", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "ResourceQuotaSpec"),
                         m(3, "status", "ResourceQuotaStatus")}},
      {"ResourceQuotaSpec", {map_sq(1, "hard"), ss(2, "scopes")}},
      {"ResourceQuotaStatus", {map_sq(1, "hard"), map_sq(2, "used")}},

      // ---- k8s.io/api/apps/v1 ----
      {"Deployment",
       {m(1, "metadata", "ObjectMeta"), m(2, "spec", "DeploymentSpec"), m(3, "status", "DeploymentStatus")}},
      {"DeploymentSpec",
       {i32p(1, "replicas"), m(2, "selector", "LabelSelector"), m(3, "template", "PodTemplateSpec"),
        m(4, "strategy", "DeploymentStrategy"), i32(5, "minReadySeconds"), i32p(6, "revisionHistoryLimit"),
        b(7, "paused"), i32p(9, "progressDeadlineSeconds")}},
      {"DeploymentStrategy", {s(1, "type"), m(2, "rollingUpdate", "RollingUpdateDeployment")}},
      {"RollingUpdateDeployment", {iosp(1, "maxUnavailable"), iosp(2, "maxSurge")}},
      {"DeploymentStatus",
       {i64(1, "observedGeneration"), i32(2, "replicas"), i32(3, "updatedReplicas"), i32(7, "readyReplicas"),
        i32(4, "availableReplicas"), i32(5, "unavailableReplicas")}},

      // ---- k8s.io/api/batch/v1 ----
      {"Job", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "JobSpec"), m(3, "status", "JobStatus")}},
      {"JobSpec",
       {i32p(1, "parallelism"), i32p(2, "completions"), i64p(3, "activeDeadlineSeconds"), i32p(7, "backoffLimit"),
        m(4, "selector", "LabelSelector"), bp(5, "manualSelector"), m(6, "template", "PodTemplateSpec"),
        i32p(8, "ttlSecondsAfterFinished"), sp(9, "completionMode"), bp(10, "suspend"),
        i32p(12, "backoffLimitPerIndex"), i32p(13, "maxFailedIndexes"), sp(14, "podReplacementPolicy"),
        sp(15, "managedBy")}},
      {"JobStatus",
       {time(2, "startTime"), time(3, "completionTime"), i32(4, "active"), i32(5, "succeeded"), i32(6, "failed"),
        s(7, "completedIndexes"), sp(10, "failedIndexes"), i32p(9, "ready"), i32p(11, "terminating")}},
      {"CronJob", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "CronJobSpec"), m(3, "status", "CronJobStatus")}},
      {"CronJobSpec",
       {s(1, "schedule"), sp(8, "timeZone"), i64p(2, "startingDeadlineSeconds"), s(3, "concurrencyPolicy"),
        bp(4, "suspend"), m(5, "jobTemplate", "JobTemplateSpec"), i32p(6, "successfulJobsHistoryLimit"),
        i32p(7, "failedJobsHistoryLimit")}},
      {"JobTemplateSpec", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "JobSpec")}},
      {"CronJobStatus", {ms(1, "active", "ObjectReference"), time(4, "lastScheduleTime"),
                         time(5, "lastSuccessfulTime")}},

      // ---- k8s.io/api/networking/v1 ----
      {"Ingress", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "IngressSpec"), m(3, "status", "IngressStatus")}},
      {"IngressSpec",
       {sp(4, "ingressClassName"), m(1, "defaultBackend", "IngressBackend"), ms(2, "tls", "IngressTLS"),
        ms(3, "rules", "IngressRule")}},
      {"IngressBackend", {m(4, "service", "IngressServiceBackend")}},
      {"IngressServiceBackend", {s(1, "name"), m(2, "port", "ServiceBackendPort")}},
      {"ServiceBackendPort", {s(1, "name"), i32(2, "number")}},
      {"IngressTLS", {ss(1, "hosts"), s(2, "secretName")}},
      {"IngressRule", {s(1, "host"), inl(2, "IngressRuleValue")}},
      {"IngressRuleValue", {m(1, "http", "HTTPIngressRuleValue")}},
      {"HTTPIngressRuleValue", {ms(1, "paths", "HTTPIngressPath")}},
      {"HTTPIngressPath", {s(1, "path"), sp(3, "pathType"), m(2, "backend", "IngressBackend")}},
      {"IngressStatus", {m(1, "loadBalancer", "IngressLoadBalancerStatus")}},
      {"IngressLoadBalancerStatus", {ms(1, "ingress", "IngressLoadBalancerIngress")}},
      {"IngressLoadBalancerIngress", {s(1, "ip"), s(2, "hostname")}},

      // ---- k8s.io/api/rbac/v1 ----
      {"Role", {m(1, "metadata", "ObjectMeta"), ms(2, "rules", "PolicyRule")}},
      {"ClusterRole", {m(1, "metadata", "ObjectMeta"), ms(2, "rules", "PolicyRule"),
                       m(3, "aggregationRule", "AggregationRule")}},
      // ---- k8s.io/api/authentication/v1 ----
      {"TokenRequest",
       {m(1, "metadata", "ObjectMeta"), m(2, "spec", "TokenRequestSpec"), m(3, "status", "TokenRequestStatus")}},
      {"TokenRequestSpec", {ss(1, "audiences"), i64p(4, "expirationSeconds"), m(3, "boundObjectRef", "BoundObjectReference")}},
      {"BoundObjectReference", {s(1, "kind"), s(2, "apiVersion"), s(3, "name"), s(4, "uid")}},
      {"TokenRequestStatus", {s(1, "token"), time(2, "expirationTimestamp")}},
      {"SelfSubjectReview", {m(1, "metadata", "ObjectMeta"), m(2, "status", "SelfSubjectReviewStatus")}},
      {"SelfSubjectReviewStatus", {m(1, "userInfo", "UserInfo")}},
      {"UserInfo", {s(1, "username"), s(2, "uid"), ss(3, "groups")}},
      // ---- k8s.io/api/authorization/v1 (what `kubectl auth can-i` posts) ----
      {"SelfSubjectAccessReview",
       {m(1, "metadata", "ObjectMeta"), m(2, "spec", "SelfSubjectAccessReviewSpec"), m(3, "status", "SubjectAccessReviewStatus")}},
      {"SelfSubjectAccessReviewSpec",
       {m(1, "resourceAttributes", "ResourceAttributes"), m(2, "nonResourceAttributes", "NonResourceAttributes")}},
      {"SubjectAccessReview",
       {m(1, "metadata", "ObjectMeta"), m(2, "spec", "SubjectAccessReviewSpec"), m(3, "status", "SubjectAccessReviewStatus")}},
      {"LocalSubjectAccessReview",
       {m(1, "metadata", "ObjectMeta"), m(2, "spec", "SubjectAccessReviewSpec"), m(3, "status", "SubjectAccessReviewStatus")}},
      {"SubjectAccessReviewSpec",
       {m(1, "resourceAttributes", "ResourceAttributes"), m(2, "nonResourceAttributes", "NonResourceAttributes"),
        s(3, "user"), ss(4, "groups"), s(6, "uid")}},
      {"ResourceAttributes",
       {s(1, "namespace"), s(2, "verb"), s(3, "group"), s(4, "version"), s(5, "resource"), s(6, "subresource"),
        s(7, "name")}},
      {"NonResourceAttributes", {s(1, "path"), s(2, "verb")}},
      {"SelfSubjectRulesReview", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "SelfSubjectRulesReviewSpec"),
                                  m(3, "status", "SubjectRulesReviewStatus")}},
      {"SubjectAccessReviewStatus", {bp(1, "allowed"), s(2, "reason"), s(3, "evaluationError"), b(4, "denied")}},
      {"SubjectRulesReviewStatus",
       {ms(1, "resourceRules", "ResourceRule"), ms(2, "nonResourceRules", "NonResourceRule"), bp(3, "incomplete"),
        s(4, "evaluationError")}},
      {"ResourceRule", {ss(1, "verbs"), ss(2, "apiGroups"), ss(3, "resources"), ss(4, "resourceNames")}},
      {"NonResourceRule", {ss(1, "verbs"), ss(2, "nonResourceURLs")}},
      {"SelfSubjectRulesReviewSpec", {s(1, "namespace")}},
      {"AggregationRule", {ms(1, "clusterRoleSelectors", "LabelSelector")}},
      {"PolicyRule",
       {ss(1, "verbs"), ss(2, "apiGroups"), ss(3, "resources"), ss(4, "resourceNames"), ss(5, "nonResourceURLs")}},
      {"RoleBinding", {m(1, "metadata", "ObjectMeta"), ms(2, "subjects", "Subject"), m(3, "roleRef", "RoleRef")}},
      {"ClusterRoleBinding",
       {m(1, "metadata", "ObjectMeta"), ms(2, "subjects", "Subject"), m(3, "roleRef", "RoleRef")}},
      {"Subject", {sp(1, "kind"), s(2, "apiGroup"), sp(3, "name"), s(4, "namespace")}},
      {"RoleRef", {sp(1, "apiGroup"), sp(2, "kind"), sp(3, "name")}},

      // ---- k8s.io/api/scheduling/v1, policy/v1 ----
      {"PriorityClass",
       {m(1, "metadata", "ObjectMeta"), i32p(2, "value"), b(3, "globalDefault"), s(4, "description"),
        sp(5, "preemptionPolicy")}},
      {"PodDisruptionBudget", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "PodDisruptionBudgetSpec"),
                               m(3, "status", "PodDisruptionBudgetStatus")}},
      {"PodDisruptionBudgetSpec",
       {iosp(1, "minAvailable"), m(2, "selector", "LabelSelector"), iosp(3, "maxUnavailable"),
        sp(4, "unhealthyPodEvictionPolicy")}},
      // ---- k8s.io/api/autoscaling/v1 (what `kubectl autoscale` posts) ----
      {"HorizontalPodAutoscaler", {m(1, "metadata", "ObjectMeta"), m(2, "spec", "HorizontalPodAutoscalerSpec"),
                                   m(3, "status", "HorizontalPodAutoscalerStatus")}},
      {"HorizontalPodAutoscalerSpec",
       {m(1, "scaleTargetRef", "CrossVersionObjectReference"), i32p(2, "minReplicas"), i32p(3, "maxReplicas"),
        i32p(4, "targetCPUUtilizationPercentage")}},
      {"CrossVersionObjectReference", {sp(1, "kind"), sp(2, "name"), s(3, "apiVersion")}},
      {"HorizontalPodAutoscalerStatus",
       {i64(1, "observedGeneration"), i32(3, "currentReplicas"), i32p(4, "desiredReplicas"),
        i32(5, "currentCPUUtilizationPercentage")}},
      {"Eviction", {m(1, "metadata", "ObjectMeta"), m(2, "deleteOptions", "DeleteOptions")}},
      {"DeleteOptions",
       {i64p(1, "gracePeriodSeconds"), m(2, "preconditions", "Preconditions"), bp(3, "orphanDependents"),
        sp(4, "propagationPolicy"), ss(5, "dryRun")}},
      {"Preconditions", {sp(1, "uid"), sp(2, "resourceVersion")}},
      {"PodDisruptionBudgetStatus",
       {i64(1, "observedGeneration"), i32p(3, "disruptionsAllowed"), i32p(4, "currentHealthy"),
        i32p(5, "desiredHealthy"), i32p(6, "expectedPods")}},
  };
  return all;
}

}  // namespace

const MessageDef* find_message(std::string_view name) {
  static const std::map<std::string, const MessageDef*, std::less<>> index = [] {
    std::map<std::string, const MessageDef*, std::less<>> m;
    for (const auto& d : messages()) m[d.name] = &d;
    return m;
  }();
  auto it = index.find(name);
  return it == index.end() ? nullptr : it->second;
}

const char* message_for_kind(std::string_view api_version, std::string_view kind) {
  struct K {
    const char* api_version;
    const char* kind;
  };
  static const K kinds[] = {
      {"v1", "Namespace"},       {"v1", "ConfigMap"},          {"v1", "Secret"},
      {"v1", "ServiceAccount"},  {"v1", "Service"},            {"v1", "ResourceQuota"},
      {"apps/v1", "Deployment"}, {"batch/v1", "Job"},          {"batch/v1", "CronJob"},
      {"rbac.authorization.k8s.io/v1", "Role"},
      {"rbac.authorization.k8s.io/v1", "ClusterRole"},
      {"rbac.authorization.k8s.io/v1", "RoleBinding"},
      {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
      {"scheduling.k8s.io/v1", "PriorityClass"},
      {"policy/v1", "PodDisruptionBudget"},
      {"policy/v1", "Eviction"},
      {"autoscaling/v1", "HorizontalPodAutoscaler"},
      {"networking.k8s.io/v1", "Ingress"},
      {"authentication.k8s.io/v1", "TokenRequest"},
      {"authentication.k8s.io/v1", "SelfSubjectReview"},
      {"authorization.k8s.io/v1", "SelfSubjectAccessReview"},
      {"authorization.k8s.io/v1", "SubjectAccessReview"},
      {"authorization.k8s.io/v1", "LocalSubjectAccessReview"},
      {"authorization.k8s.io/v1", "SelfSubjectRulesReview"},
  };
  for (const auto& k : kinds)
    if (api_version == k.api_version && kind == k.kind) return k.kind;
  return nullptr;
}

}  // namespace kt::http::protobuf
