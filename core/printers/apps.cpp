// apps/v1: deployments, replicasets, statefulsets, daemonsets, controllerrevisions
// (printDeployment, printReplicaSet, printStatefulSet, printDaemonSet,
// printControllerRevision).
#include "core/api/labels.h"
#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

Column containers_col() { return col("Containers", "string", 1, "Names of each container in the template."); }
Column images_col() { return col("Images", "string", 1, "Images referenced by each container in the template."); }
Column selector_col(std::string description) { return col("Selector", "string", 1, std::move(description)); }

std::string ratio(const Json& obj, std::initializer_list<std::string_view> a, std::initializer_list<std::string_view> b) {
  return std::to_string(api::int_field(obj, a, 0)) + "/" + std::to_string(api::int_field(obj, b, 0));
}

// LabelSelectorAsSelector(...).String(): "" for a nil selector, "<invalid>" when it
// does not convert. (Deployments use this; the other workloads FormatLabelSelector.)
std::string selector_as_string(const Json& sel) {
  try {
    return api::LabelSelector::from_json(sel).to_string();
  } catch (const std::exception&) {
    return "<invalid>";
  }
}

Row deployment_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& d = *obj;
  auto [names, images] = containers_cells(field(d, {"spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(d), ratio(d, {"status", "readyReplicas"}, {"spec", "replicas"}),
                        int_cell(d, {"status", "updatedReplicas"}), int_cell(d, {"status", "availableReplicas"}),
                        age(d, now), names, images, selector_as_string(field(d, {"spec", "selector"}))});
}

Row replicaset_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& rs = *obj;
  auto [names, images] = containers_cells(field(rs, {"spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(rs), int_cell(rs, {"spec", "replicas"}), int_cell(rs, {"status", "replicas"}),
                        int_cell(rs, {"status", "readyReplicas"}), age(rs, now), names, images,
                        api::format_label_selector(field(rs, {"spec", "selector"}))});
}

Row statefulset_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& s = *obj;
  auto [names, images] = containers_cells(field(s, {"spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(s), ratio(s, {"status", "readyReplicas"}, {"spec", "replicas"}), age(s, now),
                        names, images});
}

Row daemonset_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& ds = *obj;
  auto [names, images] = containers_cells(field(ds, {"spec", "template", "spec", "containers"}));
  return make_row(obj, {api::meta::name(ds), int_cell(ds, {"status", "desiredNumberScheduled"}),
                        int_cell(ds, {"status", "currentNumberScheduled"}), int_cell(ds, {"status", "numberReady"}),
                        int_cell(ds, {"status", "updatedNumberScheduled"}), int_cell(ds, {"status", "numberAvailable"}),
                        api::format_labels(field(ds, {"spec", "template", "spec", "nodeSelector"})), age(ds, now),
                        names, images, api::format_label_selector(field(ds, {"spec", "selector"}))});
}

// formatResourceName(GroupKind, name, withKind): "statefulset.apps/web".
Row controller_revision_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& cr = *obj;
  std::string controller = "<none>";
  if (const Json* ref = api::meta::controller_ref(cr)) {
    std::string api_version = str_field(*ref, {"apiVersion"});
    std::string group = api_version.find('/') == std::string::npos ? "" : api_version.substr(0, api_version.find('/'));
    std::string kind = str_field(*ref, {"kind"});
    std::string gk = group.empty() ? kind : kind + "." + group;
    controller = gk.empty() ? str_field(*ref, {"name"}) : lower(gk) + "/" + str_field(*ref, {"name"});
  }
  return make_row(obj, {api::meta::name(cr), controller, int_cell(cr, {"revision"}), age(cr, now)});
}

}  // namespace

void register_apps_printers() {
  add_printer("apps", "deployments",
              {{name_column(), col("Ready", "string", 0, "Number of the pod with ready state"),
                col("Up-to-date", "string", 0,
                    "Total number of non-terminated pods targeted by this deployment that have the desired template "
                    "spec."),
                col("Available", "string", 0,
                    "Total number of available pods (ready for at least minReadySeconds) targeted by this "
                    "deployment."),
                age_column(), containers_col(), images_col(),
                selector_col("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be "
                             "the ones affected by this deployment.")},
               deployment_row});
  add_printer("apps", "replicasets",
              {{name_column(),
                col("Desired", "integer", 0,
                    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit "
                    "zero and unspecified. Defaults to 1."),
                col("Current", "integer", 0, "Replicas is the most recently observed number of replicas."),
                col("Ready", "integer", 0, "The number of ready replicas for this replica set."), age_column(),
                containers_col(), images_col(),
                selector_col("Selector is a label query over pods that should match the replica count.")},
               replicaset_row});
  add_printer("apps", "statefulsets",
              {{name_column(), col("Ready", "string", 0, "Number of the pod with ready state"), age_column(),
                containers_col(), images_col()},
               statefulset_row});
  add_printer("apps", "daemonsets",
              {{name_column(),
                col("Desired", "integer", 0,
                    "The total number of nodes that should be running the daemon pod (including nodes correctly "
                    "running the daemon pod)."),
                col("Current", "integer", 0,
                    "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon "
                    "pod."),
                col("Ready", "integer", 0,
                    "The number of nodes that should be running the daemon pod and have one or more of the daemon "
                    "pod running and ready."),
                col("Up-to-date", "integer", 0,
                    "The total number of nodes that are running updated daemon pod"),
                col("Available", "integer", 0,
                    "The number of nodes that should be running the daemon pod and have one or more of the daemon "
                    "pod running and available (ready for at least spec.minReadySeconds)"),
                col("Node Selector", "string", 0,
                    "NodeSelector is a selector which must be true for the pod to fit on a node."),
                age_column(), containers_col(), images_col(),
                selector_col("A label query over pods that are managed by the daemon set.")},
               daemonset_row});
  add_printer("apps", "controllerrevisions",
              {{name_column(), col("Controller", "string", 0, "Controller of the object"),
                col("Revision", "string", 0, "Revision indicates the revision of the state represented by Data."),
                age_column()},
               controller_revision_row});
}

}  // namespace kt::printers
