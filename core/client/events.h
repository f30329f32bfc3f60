// Event recording as client-go's tools/record does it (event.go, events_cache.go),
// writing core/v1 Events through the API, plus EventTTL, kube-apiserver's
// --event-ttl (1h) expiry.
//
// EventRecorder(component, host).event(obj, type, reason, message):
//  - builds the Event: name "<object name>.<hex of unix nanos>", namespace of the
//    object ("default" for cluster-scoped ones), involvedObject = the object's
//    reference (kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath),
//    source {component, host}, reportingComponent/reportingInstance, first/last
//    timestamps, count 1;
//  - runs it through the EventCorrelator:
//      aggregation: events that differ only in message (same source, object, type,
//        reason) are "similar"; once 10 distinct messages were seen within 10 minutes
//        of each other, further ones become ONE event whose message is
//        "(combined from similar events): <latest message>", counted up;
//      dedup: an identical event (same source, object, type, reason, message) is
//        not created again: the first one is patched with count+1, lastTimestamp and
//        message (a new Event is created if the old one is gone, e.g. expired);
//      spam filter: per source+object a token bucket of 25, refilled 1 per 5 minutes;
//        events beyond it are dropped (the dedup count still advances, as in client-go);
//  - writes synchronously; API errors are swallowed (client-go does not retry them).
// Names are unique per recorder: two events at the same virtual microsecond get
// consecutive nanosecond suffixes, and a clash with another writer moves on by 1ns.
//
// The caches are LRUs of 4096 entries each, like client-go's.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/api/apiserver.h"
#include "core/client/lifetime.h"

namespace kt::client {

class SharedInformer;

enum class EventType { Normal, Warning };
std::string_view to_string(EventType t);

struct EventCorrelatorOptions {
  std::size_t lru_size = 4096;
  std::size_t max_similar = 10;                 // defaultAggregateMaxEvents
  sim::Duration similar_interval = sim::seconds(600);  // defaultAggregateIntervalInSeconds
  int spam_burst = 25;                          // defaultSpamBurst
  double spam_qps = 1.0 / 300.0;                // defaultSpamQPS
};

class EventRecorder {
 public:
  struct Stats {
    std::uint64_t created = 0;
    std::uint64_t patched = 0;
    std::uint64_t aggregated = 0;  // events turned into "(combined from similar events)"
    std::uint64_t skipped = 0;     // dropped by the spam filter
    std::uint64_t failed = 0;      // API errors
  };

  EventRecorder(api::ApiServer& api, std::string component, std::string host = "",
                EventCorrelatorOptions opts = {});
  ~EventRecorder();
  EventRecorder(const EventRecorder&) = delete;
  EventRecorder& operator=(const EventRecorder&) = delete;

  // `object` is a full API object (kind, apiVersion, metadata). Never throws.
  void event(const Json& object, EventType type, std::string_view reason, std::string_view message,
             std::string_view field_path = "");

  // v1.ObjectReference of an object, as reference.GetReference builds it.
  static Json reference(const Json& object, std::string_view field_path = "");

  const std::string& component() const { return component_; }
  const std::string& host() const { return host_; }
  const Stats& stats() const { return stats_; }

 private:
  struct Correlator;
  void write(Json ev, bool update_existing);
  std::string unique_name(const std::string& object_name);

  api::ApiServer& api_;
  std::string component_;
  std::string host_;
  std::unique_ptr<Correlator> correlator_;
  const api::ResourceInfo& events_;
  std::int64_t last_nanos_ = 0;
  Stats stats_;
};

// Deletes Events `ttl` after their last write (kube-apiserver --event-ttl, default
// 1h; etcd leases in the real thing). Watches core/v1 and events.k8s.io/v1 Events.
class EventTTL {
 public:
  explicit EventTTL(api::ApiServer& api, sim::Duration ttl = sim::hours(1));
  ~EventTTL();
  void start();
  void stop();
  std::size_t tracked() const { return timers_.size(); }
  std::uint64_t expired() const { return expired_; }

 private:
  void arm(const api::ResourceInfo& res, const api::ObjectPtr& obj);
  void disarm(const api::ResourceInfo& res, const api::ObjectPtr& obj);

  api::ApiServer& api_;
  sim::Duration ttl_;
  std::vector<std::unique_ptr<SharedInformer>> informers_;
  std::map<std::string, sim::EventId> timers_;  // "<group>/<ns>/<name>" → expiry event
  std::uint64_t expired_ = 0;
  Lifetime life_;
};

}  // namespace kt::client
