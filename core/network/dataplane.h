// The pod network and kube-proxy's rules, as seen by a connection: where a packet to
// ip:port ends up. Read from the API (Services, Endpoints, Pods, Nodes) the way
// kube-proxy and the CNI program the machines, plus what each container listens on
// (its image, from the kubelet's runtime).
//
//   pod IP              the pod, if it is running; a port nothing listens on is refused
//   ClusterIP:port      a ready endpoint of that Service port (seeded choice;
//                       sessionAffinity ClientIP sticks per client); none → refused;
//                       a port the Service lacks → dropped (timeout)
//   node IP:nodePort    the same, on every node (externalTrafficPolicy Local: only
//                       endpoints on that node)
//   LoadBalancer / externalIPs:port   the same
//   node IP:port        a hostNetwork pod or a hostPort on that node; 22, 6443
//                       (control plane), 10250 are the machine's own daemons
//   anything else       no route (timeout) — pod IPs from outside the cluster too
#pragma once

#include <map>
#include <string>

#include "core/api/apiserver.h"
#include "core/sim/random.h"

namespace kt::cluster { class Cluster; }

namespace kt::network {

struct Client {
  std::string machine;     // the machine the connection starts from
  std::string pod_key;     // "ns/name" when it starts inside a pod
  std::string ip;          // the source address
  bool in_cluster = true;  // false for a workstation outside the cluster network
};

struct Connection {
  enum class Result { Connected, Refused, Timeout };
  Result result = Result::Timeout;
  std::string pod_ns, pod_name;  // who answered (empty for a machine daemon)
  std::string container;         // the container listening
  std::string ip;                // the address finally reached (after DNAT)
  std::int64_t port = 0;
  std::string service;           // "ns/name" when it went through a Service
  std::string machine;           // for a machine daemon (sshd, kube-apiserver, kubelet)
};

class Dataplane {
 public:
  Dataplane(const api::ApiServer& api, const cluster::Cluster& cluster, sim::Random rng);

  Connection connect(const Client& from, const std::string& ip, std::int64_t port, const std::string& protocol = "TCP");

  // kubectl port-forward: connections to 127.0.0.1:local_port on `machine` reach
  // the pod's port. add_forward returns an id, or 0 when the local port is taken.
  int add_forward(const std::string& machine, std::int64_t local_port, const std::string& pod_ns,
                  const std::string& pod_name, std::int64_t pod_port);
  void remove_forward(int id);
  // How many connections went through the forward so far.
  std::size_t forward_connections(int id) const;

 private:
  Connection to_pod(const std::string& ip, std::int64_t port, const std::string& protocol) const;
  Connection via_service(const Client& from, const Json& svc, const Json& svc_port, const std::string& node_only);
  Connection to_node(const std::string& machine, std::int64_t port, const std::string& protocol) const;

  const api::ApiServer& api_;
  const cluster::Cluster& cluster_;
  sim::Random rng_;
  std::map<std::string, std::string> affinity_;  // "svc|client ip" → endpoint ip
  struct Forward {
    std::string machine;
    std::int64_t local_port = 0;
    std::string pod_ns, pod_name;
    std::int64_t pod_port = 0;
    std::size_t connections = 0;
  };
  std::map<int, Forward> forwards_;
  int next_forward_ = 1;
};

}  // namespace kt::network
