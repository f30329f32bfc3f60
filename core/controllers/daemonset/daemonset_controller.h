// daemonset-controller (pkg/controller/daemon), on virtual time: one pod of the
// DaemonSet on every node that should run it.
//
// A node should run it when the template's nodeSelector / required node affinity
// match and its NoSchedule/NoExecute taints are tolerated, counting the
// tolerations the controller adds to every daemon pod (not-ready and unreachable
// NoExecute, disk/memory/pid-pressure and unschedulable NoSchedule, and
// network-unavailable for hostNetwork pods). Pods are `<ds>-<5 random>`, pinned
// to their node by a required node affinity on metadata.name (the scheduler binds
// them), labelled controller-revision-hash and pod-template-generation. Extra pods
// on a node, and pods on nodes that should not run one, are deleted.
//
// Each template is kept as a ControllerRevision `<ds>-<hash>` (revision numbers
// grow), which `rollout history/undo` read. RollingUpdate replaces pods of an
// old revision at most maxUnavailable (default 1) at a time, each only once the
// others are available; with maxSurge the new pod starts beside the old one (at
// most maxSurge nodes at a time) and the old pod goes once the new one is
// available. OnDelete waits for the user to delete them. A pod is available once
// it has been Ready for minReadySeconds.
// Status: desired/current/misscheduled/ready/available/unavailable/updated counts
// (from each node's oldest pod) and observedGeneration. Events: SuccessfulCreate
// "Created pod: x", SuccessfulDelete "Deleted pod: x".
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/expectations.h"
#include "core/client/informer.h"

namespace kt::controllers {

class DaemonSetController : public client::Controller {
 public:
  DaemonSetController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 2);
  ~DaemonSetController() override;

  // Whether a daemon pod with `pod_spec` should run on `node`.
  static bool should_run(const Json& pod_spec, const Json& node);

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  void enqueue_all();
  std::string revision_hash(const api::ObjectPtr& ds, std::string& error);

  api::ApiServer& api_;
  const api::ResourceInfo& ds_res_;
  const api::ResourceInfo& pods_res_;
  client::SharedInformer& daemonsets_;
  client::SharedInformer& pods_;
  client::SharedInformer& nodes_;
  client::ControllerExpectations expectations_;
  client::EventRecorder recorder_;
  client::HandlerId ds_handler_, pod_handler_, node_handler_;
};

}  // namespace kt::controllers
