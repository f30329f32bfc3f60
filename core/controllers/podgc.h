// pod-garbage-collector-controller (pkg/controller/podgc): every 20 s it
//  - deletes finished (Succeeded/Failed) pods beyond --terminated-pod-gc-threshold,
//    oldest first;
//  - deletes pods bound to a node that has been gone for 40 s (quarantine), after
//    marking them Failed with DisruptionTarget "DeletionByPodGC" ("PodGC: node no
//    longer exists");
//  - force-deletes pods that are terminating but were never scheduled.
#pragma once

#include <map>
#include <string>

#include "core/api/apiserver.h"
#include "core/client/informer.h"
#include "core/client/lifetime.h"

namespace kt::controllers {

class PodGCController {
 public:
  struct Options {
    int terminated_pod_threshold = 12500;
    sim::Duration period = sim::seconds(20);
    sim::Duration quarantine = sim::seconds(40);
  };
  PodGCController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  ~PodGCController();

  void start();
  void stop();
  // One pass, as the periodic timer runs it.
  void gc();

 private:
  void force_delete(const api::ObjectPtr& pod, bool mark_failed);

  api::ApiServer& api_;
  Options opts_;
  client::SharedInformer& pods_;
  client::SharedInformer& nodes_;
  std::map<std::string, sim::Time> missing_since_;  // node name → first seen missing
  sim::EventId timer_ = 0;
  client::Lifetime life_;
};

}  // namespace kt::controllers
