// The patch metadata of the built-in kinds: the `patchStrategy` / `patchMergeKey`
// struct tags of k8s.io/api (v1.32) core/v1, apps/v1, batch/v1, autoscaling/v2 and
// policy/v1, flattened into field paths (see Strategy in patch.h).
//
// Lists that look mergeable but carry no tags, and so are replaced whole by a
// strategic merge patch: PodSpec.tolerations, .readinessGates, NodeSpec.taints,
// Container.envFrom, .resizePolicy, ResourceRequirements.claims,
// PodStatus.containerStatuses (and the init/ephemeral ones), ServiceAccount
// .imagePullSecrets, Namespace spec.finalizers. networking/v1, discovery/v1, rbac/v1,
// storage/v1, coordination/v1 and scheduling/v1 types carry no tags at all.
#include <map>
#include <memory>
#include <vector>

#include "core/api/patch.h"

namespace kt::api::patch {
namespace {

struct Field {
  const char* path;
  ListStrategy strategy;
};

ListStrategy by(const char* key) { return ListStrategy{key, false, false}; }
ListStrategy by_retaining(const char* key) { return ListStrategy{key, true, false}; }
ListStrategy as_set() { return ListStrategy{"", false, true}; }
ListStrategy retain_keys() { return ListStrategy{"", true, false}; }

// ObjectMeta.
const std::vector<Field> kObjectMeta = {
    {"finalizers", as_set()},
    {"ownerReferences", by("uid")},
};

// PodSpec, apart from its containers.
const std::vector<Field> kPodSpec = {
    {"volumes", by_retaining("name")},
    {"imagePullSecrets", by("name")},
    {"hostAliases", by("ip")},
    {"topologySpreadConstraints", by("topologyKey")},
    {"schedulingGates", by("name")},
    {"resourceClaims", by_retaining("name")},
};

// The lists holding Container / EphemeralContainer.
const char* const kContainerLists[] = {"initContainers", "containers", "ephemeralContainers"};

// Container and EphemeralContainerCommon.
const std::vector<Field> kContainer = {
    {"ports", by("containerPort")},
    {"env", by("name")},
    {"volumeMounts", by("mountPath")},
    {"volumeDevices", by("devicePath")},
};

const std::vector<Field> kPodStatus = {
    {"conditions", by("type")},
    {"podIPs", by("ip")},
    {"hostIPs", by("ip")},
    {"resourceClaimStatuses", by_retaining("name")},
};

using Table = std::map<std::string, ListStrategy, std::less<>>;

void add(Table& t, const std::string& prefix, const std::vector<Field>& fields) {
  for (const Field& f : fields) t[prefix + f.path] = f.strategy;
}

void add_pod_spec(Table& t, const std::string& prefix) {
  add(t, prefix, kPodSpec);
  for (const char* list : kContainerLists) {
    t[prefix + list] = by("name");
    add(t, prefix + list + ".", kContainer);
  }
}

// A PodTemplateSpec at `prefix` ("spec.template.").
void add_pod_template(Table& t, const std::string& prefix) {
  add(t, prefix + "metadata.", kObjectMeta);
  add_pod_spec(t, prefix + "spec.");
}

void add_conditions(Table& t, const std::string& prefix) { t[prefix + "conditions"] = by("type"); }

std::string group_of(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(api_version.substr(0, slash));
}

Table build(std::string_view api_version, std::string_view kind) {
  Table t;
  add(t, "metadata.", kObjectMeta);
  const std::string group = group_of(api_version);
  if (group.empty()) {
    if (kind == "Pod") {
      add_pod_spec(t, "spec.");
      add(t, "status.", kPodStatus);
    } else if (kind == "PodTemplate") {
      add_pod_template(t, "template.");
    } else if (kind == "ReplicationController") {
      add_pod_template(t, "spec.template.");
      add_conditions(t, "status.");
    } else if (kind == "Service") {
      t["spec.ports"] = by("port");
      add_conditions(t, "status.");
    } else if (kind == "Node") {
      t["spec.podCIDRs"] = as_set();
      add_conditions(t, "status.");
      t["status.addresses"] = by("type");
    } else if (kind == "Namespace" || kind == "PersistentVolumeClaim") {
      add_conditions(t, "status.");
    } else if (kind == "ServiceAccount") {
      t["secrets"] = by("name");
    } else if (kind == "ComponentStatus") {
      add_conditions(t, "");
    }
  } else if (group == "apps") {
    if (kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" || kind == "StatefulSet") {
      add_pod_template(t, "spec.template.");
      add_conditions(t, "status.");
    }
    if (kind == "Deployment") t["spec.strategy"] = retain_keys();
    if (kind == "StatefulSet") {
      // volumeClaimTemplates are whole PersistentVolumeClaims.
      add(t, "spec.volumeClaimTemplates.metadata.", kObjectMeta);
      add_conditions(t, "spec.volumeClaimTemplates.status.");
    }
  } else if (group == "batch") {
    if (kind == "Job") {
      add_pod_template(t, "spec.template.");
      add_conditions(t, "status.");
    } else if (kind == "CronJob") {
      add(t, "spec.jobTemplate.metadata.", kObjectMeta);
      add_pod_template(t, "spec.jobTemplate.spec.template.");
    }
  } else if ((group == "autoscaling" && kind == "HorizontalPodAutoscaler") ||
             (group == "policy" && kind == "PodDisruptionBudget")) {
    add_conditions(t, "status.");
  }
  return t;
}

}  // namespace

Strategy builtin_strategy(std::string_view apiVersion, std::string_view kind) {
  auto table = std::make_shared<const Table>(build(apiVersion, kind));
  return [table](std::string_view path) -> std::optional<ListStrategy> {
    auto it = table->find(path);
    if (it == table->end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace kt::api::patch
