// Internal to core/printers: what every per-kind printer file shares. The facts are
// kube-apiserver v1.32's pkg/printers/internalversion/printers.go: column
// definitions, the "<none>"/"<unset>"/"<unknown>" placeholders, and the helpers that
// format containers, timestamps and selectors.
//
// kube-apiserver always prints with Wide: true (pkg/printers/storage), so every row
// carries the priority-1 cells too; clients hide those columns unless -o wide.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/api/object.h"
#include "core/printers/table.h"
#include "core/sim/time.h"
#include "core/util/strings.h"

namespace kt::printers {

// A kind's printer: its columns and one row per object.
struct Printer {
  std::vector<Column> columns;
  Row (*row)(const api::ObjectPtr& obj, sim::Time now) = nullptr;
};

// Registration, one call per printer file (groups/pods.cpp, apps.cpp, ...).
// Keyed by API group and plural resource name.
void add_printer(std::string group, std::string plural, Printer p);
const Printer* find_printer(const std::string& group, const std::string& plural);

// Each file's registration function; table.cpp calls them all once.
void register_core_printers();        // nodes, namespaces (table.cpp)
void register_pod_printers();         // pods, podtemplates (pods.cpp)
void register_apps_printers();        // deployments, replicasets, statefulsets, daemonsets, controllerrevisions
void register_batch_printers();       // jobs, cronjobs
void register_service_printers();     // services, endpoints (services.cpp)
void register_config_printers();      // configmaps, secrets, serviceaccounts (config.cpp)
void register_event_printers();       // events (core and events.k8s.io)
void register_storage_printers();     // persistentvolumes, persistentvolumeclaims, storageclasses
void register_networking_printers();  // ingresses, ingressclasses, networkpolicies, endpointslices
void register_rbac_printers();        // rolebindings, clusterrolebindings
void register_policy_printers();      // poddisruptionbudgets, resourcequotas, limitranges(default), priorityclasses
void register_misc_printers();        // leases, horizontalpodautoscalers, replicationcontrollers, componentstatuses

namespace detail {

// Column helpers. Descriptions are the Swagger docs kube publishes; kubectl only
// shows names, so shorter texts are used where the Swagger doc is long.
Column name_column();
Column age_column();
Column col(std::string name, std::string type, int priority, std::string description);

// translateTimestampSince: "<unknown>" for a missing/zero time, else HumanDuration.
std::string since(const std::string& rfc3339, sim::Time now);
// HumanDuration between two RFC 3339 times ("" when either is missing).
std::string between(const std::string& from, const std::string& to);

// layoutContainerCells: names and images joined by ",".
std::pair<std::string, std::string> containers_cells(const Json& containers);

// Integers as kube's printers put them in cells (int64 JSON numbers).
Json int_cell(const Json& obj, std::initializer_list<std::string_view> path);

// Go's strings.Join; ASCII lower case.
using util::join;
using util::lower;

// loadBalancerStatusStringer with wide=true (the server never clips), for Services
// and Ingresses: the sorted set of status.loadBalancer.ingress IPs, or hostnames
// where no IP is given, joined by ",".
std::string load_balancer_addresses(const Json& ingress);

// intstr.IntOrString.String(): integers in decimal, strings as they are.
std::string int_or_string(const Json& v);
// resource.Quantity String() of a JSON quantity; "0" when missing.
std::string quantity_string(const Json& q);

Row make_row(const api::ObjectPtr& obj, std::vector<Json> cells);

}  // namespace detail
}  // namespace kt::printers
