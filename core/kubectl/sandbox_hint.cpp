#include "core/kubectl/sandbox_hint.h"

#include <array>

namespace kt::kubectl {
namespace {

// Built-in API versions removed before v1.32, with the version that replaced them
// (kubernetes.io/docs/reference/using-api/deprecation-guide). kind "" stands for
// every kind of that group/version.
struct Removed {
  const char* api_version;
  const char* kind;
  const char* removed_in;
  const char* replacement;
};

constexpr std::array<Removed, 27> kRemoved = {{
    {"extensions/v1beta1", "Deployment", "1.16", "apps/v1"},
    {"extensions/v1beta1", "DaemonSet", "1.16", "apps/v1"},
    {"extensions/v1beta1", "ReplicaSet", "1.16", "apps/v1"},
    {"extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1"},
    {"extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"},
    {"apps/v1beta1", "", "1.16", "apps/v1"},
    {"apps/v1beta2", "", "1.16", "apps/v1"},
    {"networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"},
    {"networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1"},
    {"rbac.authorization.k8s.io/v1beta1", "", "1.22", "rbac.authorization.k8s.io/v1"},
    {"rbac.authorization.k8s.io/v1alpha1", "", "1.22", "rbac.authorization.k8s.io/v1"},
    {"apiextensions.k8s.io/v1beta1", "", "1.22", "apiextensions.k8s.io/v1"},
    {"admissionregistration.k8s.io/v1beta1", "", "1.22", "admissionregistration.k8s.io/v1"},
    {"apiregistration.k8s.io/v1beta1", "", "1.22", "apiregistration.k8s.io/v1"},
    {"certificates.k8s.io/v1beta1", "", "1.22", "certificates.k8s.io/v1"},
    {"coordination.k8s.io/v1beta1", "", "1.22", "coordination.k8s.io/v1"},
    {"scheduling.k8s.io/v1beta1", "", "1.22", "scheduling.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSIDriver", "1.22", "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "CSINode", "1.22", "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1"},
    {"storage.k8s.io/v1beta1", "VolumeAttachment", "1.22", "storage.k8s.io/v1"},
    {"batch/v1beta1", "CronJob", "1.25", "batch/v1"},
    {"discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1"},
    {"events.k8s.io/v1beta1", "Event", "1.25", "events.k8s.io/v1"},
    {"policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1"},
    {"autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2"},
    {"autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2"},
}};

}  // namespace

std::string sandbox_hint(const std::string& text) { return std::string(kHintMarker) + text + "\n"; }

std::string removed_api_hint(const std::string& api_version, const std::string& kind) {
  if (api_version == "policy/v1beta1" && kind == "PodSecurityPolicy")
    return sandbox_hint("PodSecurityPolicy was removed in Kubernetes 1.25 without a replacement kind; "
                        "namespaces use Pod Security Admission labels instead.");
  for (const auto& r : kRemoved) {
    if (api_version != r.api_version || (*r.kind && kind != r.kind)) continue;
    return sandbox_hint(kind + " " + api_version + " was removed in Kubernetes " + r.removed_in +
                        "; this cluster (v1.32) serves it as " + r.replacement + ": set `apiVersion: " +
                        r.replacement + "` in the manifest (the fields may have changed too).");
  }
  return "";
}

}  // namespace kt::kubectl
