// strategy_for: the explicit table from resources to their strategies, and the
// default name validation (DNS-1123 subdomain, apimachinery's NameIsDNSSubdomain).
#include <string_view>

#include "core/api/kinds/kinds.h"
#include "core/api/strategy.h"
#include "core/api/validation_names.h"

namespace kt::api {

std::vector<std::string> KindStrategy::validate_name(std::string_view name) const { return is_dns1123_subdomain(name); }

namespace {

struct Entry {
  std::string_view group;
  std::string_view version;  // "" for every version
  std::string_view kind;
  const KindStrategy& (*strategy)();
};

constexpr Entry kTable[] = {
    {"", "", "Pod", kinds::pod_strategy},
    {"", "", "PodTemplate", kinds::podtemplate_strategy},
    {"", "", "Node", kinds::node_strategy},
    {"", "", "Namespace", kinds::namespace_strategy},
    {"", "", "Service", kinds::service_strategy},
    {"", "", "Endpoints", kinds::endpoints_strategy},
    {"", "", "ConfigMap", kinds::configmap_strategy},
    {"", "", "Secret", kinds::secret_strategy},
    {"", "", "ServiceAccount", kinds::serviceaccount_strategy},
    {"", "", "PersistentVolume", kinds::persistentvolume_strategy},
    {"", "", "PersistentVolumeClaim", kinds::persistentvolumeclaim_strategy},
    {"", "", "ResourceQuota", kinds::resourcequota_strategy},
    {"", "", "LimitRange", kinds::limitrange_strategy},
    {"", "", "Event", kinds::event_strategy},
    {"", "", "ReplicationController", kinds::replicationcontroller_strategy},
    {"apps", "", "Deployment", kinds::deployment_strategy},
    {"apps", "", "ReplicaSet", kinds::replicaset_strategy},
    {"apps", "", "StatefulSet", kinds::statefulset_strategy},
    {"apps", "", "DaemonSet", kinds::daemonset_strategy},
    {"apps", "", "ControllerRevision", kinds::controllerrevision_strategy},
    {"batch", "", "Job", kinds::job_strategy},
    {"batch", "", "CronJob", kinds::cronjob_strategy},
    {"networking.k8s.io", "", "Ingress", kinds::ingress_strategy},
    {"networking.k8s.io", "", "IngressClass", kinds::ingressclass_strategy},
    {"networking.k8s.io", "", "NetworkPolicy", kinds::networkpolicy_strategy},
    {"storage.k8s.io", "", "StorageClass", kinds::storageclass_strategy},
    {"rbac.authorization.k8s.io", "", "Role", kinds::role_strategy},
    {"rbac.authorization.k8s.io", "", "ClusterRole", kinds::clusterrole_strategy},
    {"rbac.authorization.k8s.io", "", "RoleBinding", kinds::rolebinding_strategy},
    {"rbac.authorization.k8s.io", "", "ClusterRoleBinding", kinds::clusterrolebinding_strategy},
    {"coordination.k8s.io", "", "Lease", kinds::lease_strategy},
    {"discovery.k8s.io", "", "EndpointSlice", kinds::endpointslice_strategy},
    {"events.k8s.io", "", "Event", kinds::events_k8s_io_event_strategy},
    {"autoscaling", "v1", "HorizontalPodAutoscaler", kinds::hpa_v1_strategy},
    {"autoscaling", "v2", "HorizontalPodAutoscaler", kinds::hpa_v2_strategy},
    {"policy", "", "PodDisruptionBudget", kinds::poddisruptionbudget_strategy},
    {"scheduling.k8s.io", "", "PriorityClass", kinds::priorityclass_strategy},
};

}  // namespace

const KindStrategy& strategy_for(const ResourceInfo& res) {
  for (const auto& e : kTable)
    if (e.group == res.group && e.kind == res.kind && (e.version.empty() || e.version == res.version))
      return e.strategy();
  static const KindStrategy fallback;
  return fallback;
}

}  // namespace kt::api
