// Internal to the describers: the helpers describe.go shares between kinds.
#pragma once

#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/printers/describe.h"
#include "core/printers/describe_writer.h"

namespace kt::printers::describe_detail {

enum Level { L0 = 0, L1 = 1, L2 = 2, L3 = 3, L4 = 4 };

// Field access shorthands.
std::string s(const Json& obj, std::initializer_list<std::string_view> path);
std::string i64(const Json& obj, std::initializer_list<std::string_view> path, std::int64_t dflt = 0);
bool has(const Json& obj, std::initializer_list<std::string_view> path);

// The registry's resource (it must exist).
const api::ResourceInfo& resource_info(const DescribeContext& ctx, const char* group, const char* version,
                                       const char* plural);
// An object's keys, sorted (none for a non-object).
std::vector<std::string> sorted_keys(const Json& obj);
// strings.Join over a JSON list (non-strings as JSON) and over strings.
std::string join_list(const Json& arr, const std::string& sep);
std::string join_strings(const std::vector<std::string>& parts, const std::string& sep);

// time.Time.Format(time.RFC1123Z) of an RFC 3339 field; Go's zero time when unset.
std::string rfc1123z(const std::string& rfc3339);
// translateTimestampSince: "<unknown>" for an unset time, else HumanDuration.
std::string since(const DescribeContext& ctx, const std::string& rfc3339);
// Go's %v of a string list: "[a b]".
std::string go_list(const Json& arr);
// printBool / printBoolPtr.
std::string go_bool_title(bool b);
// stringOrNone.
std::string or_none(const std::string& v);
// resource.Quantity String() of a JSON quantity.
std::string qty(const Json& q);
// intstr String().
std::string intstr(const Json& v);

// printLabelsMultilineWithIndent (labels: object or null).
void labels_multiline(PrefixWriter& w, const std::string& title, const Json& labels, const std::string& indent = "");
// printAnnotationsMultiline (skips kubectl.kubernetes.io/last-applied-configuration).
void annotations_multiline(PrefixWriter& w, const std::string& title, const Json& annotations);
void tolerations_multiline(PrefixWriter& w, const std::string& title, const Json& tolerations);
void taints_multiline(PrefixWriter& w, const std::string& title, const Json& taints);

// printController: "Kind/name" of the controller owner reference, "" when none.
std::string controlled_by(const Json& obj);

// searchEvents for a reference (kind "" for pods, whose events carry no kind filter).
std::vector<api::ObjectPtr> search_events(const DescribeContext& ctx, const std::string& ns, const std::string& name,
                                          const std::string& kind, const std::string& uid);
// The events of an object (kind, namespace, name, uid of `obj`), when ctx.show_events.
void events_of(const DescribeContext& ctx, PrefixWriter& w, const Json& obj, const std::string& kind);
// DescribeEvents.
void describe_events(const DescribeContext& ctx, PrefixWriter& w, std::vector<api::ObjectPtr> events);

// Pods in `ns` matching a selector; getPodStatusForController counts by phase for
// the pods `uid` controls.
struct PodCounts {
  int running = 0, waiting = 0, succeeded = 0, failed = 0;
};
PodCounts pod_counts(const DescribeContext& ctx, const std::string& ns, const std::string& selector,
                     const std::string& uid);
std::string pods_status(const PodCounts& c);

// describe_pods.cpp
void describe_pod_template(const DescribeContext& ctx, PrefixWriter& w, const Json& tmpl);
void describe_volumes(PrefixWriter& w, const Json& volumes, const std::string& space);
std::string describe_pod(const DescribeContext& ctx, const Json& pod);
void describe_resources(PrefixWriter& w, const Json& resources, int level);
void print_persistent_volume_claim(PrefixWriter& w, const Json& pvc, bool full, int extra_level);
// storageutil.GetAccessModesAsString: "RWO,ROX" in the order given, without repeats.
std::string access_modes(const Json& access_modes);
// describeContainers.
void describe_containers(PrefixWriter& w, const std::string& label, const Json& containers, const Json& statuses,
                         const Json* pod, const std::string& space);

// describe_services.cpp: the EndpointSlices of a service (label kubernetes.io/service-name)
// and formatEndpointSlices over them (port_name null: every port).
std::vector<api::ObjectPtr> slices_of_service(const DescribeContext& ctx, const std::string& ns, const std::string& svc);
std::string format_service_endpoints(const std::vector<api::ObjectPtr>& slices, const std::string* port_name);

// Per kind: the object to text. `obj` is what the describer's GET returned.
using DescribeFn = std::string (*)(const DescribeContext& ctx, const Json& obj);
std::string describe_deployment(const DescribeContext& ctx, const Json& obj);
std::string describe_replicaset(const DescribeContext& ctx, const Json& obj);
std::string describe_replication_controller(const DescribeContext& ctx, const Json& obj);
std::string describe_daemonset(const DescribeContext& ctx, const Json& obj);
std::string describe_statefulset(const DescribeContext& ctx, const Json& obj);
std::string describe_job(const DescribeContext& ctx, const Json& obj);
std::string describe_cronjob(const DescribeContext& ctx, const Json& obj);
std::string describe_node(const DescribeContext& ctx, const Json& obj);
std::string describe_namespace(const DescribeContext& ctx, const Json& obj);
std::string describe_service(const DescribeContext& ctx, const Json& obj);
std::string describe_endpoints(const DescribeContext& ctx, const Json& obj);
std::string describe_configmap(const DescribeContext& ctx, const Json& obj);
std::string describe_secret(const DescribeContext& ctx, const Json& obj);
std::string describe_service_account(const DescribeContext& ctx, const Json& obj);
std::string describe_pv(const DescribeContext& ctx, const Json& obj);
std::string describe_pvc(const DescribeContext& ctx, const Json& obj);
std::string describe_limit_range(const DescribeContext& ctx, const Json& obj);
std::string describe_quota(const DescribeContext& ctx, const Json& obj);
std::string describe_ingress(const DescribeContext& ctx, const Json& obj);
std::string describe_ingress_class(const DescribeContext& ctx, const Json& obj);
std::string describe_endpoint_slice(const DescribeContext& ctx, const Json& obj);
std::string describe_hpa(const DescribeContext& ctx, const Json& obj);
std::string describe_hpa_v1(const DescribeContext& ctx, const Json& obj);
std::string describe_pdb(const DescribeContext& ctx, const Json& obj);
std::string describe_role(const DescribeContext& ctx, const Json& obj);
std::string describe_role_binding(const DescribeContext& ctx, const Json& obj);
std::string describe_storage_class(const DescribeContext& ctx, const Json& obj);
std::string describe_priority_class(const DescribeContext& ctx, const Json& obj);
std::string describe_network_policy(const DescribeContext& ctx, const Json& obj);
std::string describe_generic(const DescribeContext& ctx, const Json& obj);

}  // namespace kt::printers::describe_detail
