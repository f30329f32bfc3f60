// EventRecorder and EventTTL. Map of this file:
//   1. a small LRU (groupcache/lru)
//   2. the correlator: aggregation, dedup log, spam filter (events_cache.go)
//   3. EventRecorder: building and writing Events (event.go)
//   4. EventTTL
#include "core/client/events.h"

#include <cstdio>
#include <list>
#include <set>
#include <unordered_map>

#include "core/client/informer.h"
#include "core/client/workqueue.h"

namespace kt::client {

std::string_view to_string(EventType t) { return t == EventType::Warning ? "Warning" : "Normal"; }

namespace {

// ---- 1. LRU ------------------------------------------------------------------------

template <typename V>
class Lru {
 public:
  explicit Lru(std::size_t cap) : cap_(cap) {}
  V* get(const std::string& key) {
    auto it = map_.find(key);
    if (it == map_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }
  void put(const std::string& key, V value) {
    auto it = map_.find(key);
    if (it != map_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    map_[key] = order_.begin();
    if (map_.size() > cap_) {
      map_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  std::size_t cap_;
  std::list<std::pair<std::string, V>> order_;
  std::unordered_map<std::string, typename std::list<std::pair<std::string, V>>::iterator> map_;
};

std::string s(const Json& obj, std::initializer_list<std::string_view> path) { return api::str_field(obj, path); }

// getEventKey: source, involvedObject (with fieldPath), type, reason, message.
std::string event_key(const Json& ev) {
  return s(ev, {"source", "component"}) + s(ev, {"source", "host"}) + s(ev, {"involvedObject", "kind"}) +
         s(ev, {"involvedObject", "namespace"}) + s(ev, {"involvedObject", "name"}) +
         s(ev, {"involvedObject", "fieldPath"}) + s(ev, {"involvedObject", "uid"}) +
         s(ev, {"involvedObject", "apiVersion"}) + s(ev, {"type"}) + s(ev, {"reason"}) + s(ev, {"message"});
}

// getSpamKey: source and involvedObject (without fieldPath).
std::string spam_key(const Json& ev) {
  return s(ev, {"source", "component"}) + s(ev, {"source", "host"}) + s(ev, {"involvedObject", "kind"}) +
         s(ev, {"involvedObject", "namespace"}) + s(ev, {"involvedObject", "name"}) +
         s(ev, {"involvedObject", "uid"}) + s(ev, {"involvedObject", "apiVersion"});
}

// EventAggregatorByReasonFunc: everything but the message, which is the local key.
std::string aggregate_key(const Json& ev) {
  return spam_key(ev) + s(ev, {"type"}) + s(ev, {"reason"}) + s(ev, {"reportingComponent"}) +
         s(ev, {"reportingInstance"});
}

std::string hex(std::int64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

// ---- 2. correlator ---------------------------------------------------------------------

struct EventRecorder::Correlator {
  struct AggregateRecord {
    std::set<std::string> local_keys;  // distinct messages
    sim::Time last;
  };
  struct EventLog {
    std::int64_t count = 0;
    std::string first_timestamp;
    std::string name;
    std::string resource_version;
  };
  struct SpamRecord {
    TokenBucket bucket;
  };

  explicit Correlator(const EventCorrelatorOptions& o)
      : opts(o), aggregates(o.lru_size), log(o.lru_size), spam(o.lru_size) {}

  EventCorrelatorOptions opts;
  Lru<AggregateRecord> aggregates;
  Lru<EventLog> log;
  Lru<SpamRecord> spam;

  void update_state(const Json& ev) {
    log.put(event_key(ev), EventLog{api::int_field(ev, {"count"}, 1), s(ev, {"firstTimestamp"}),
                                    api::meta::name(ev), s(ev, {"metadata", "resourceVersion"})});
  }
};

// ---- 3. EventRecorder ---------------------------------------------------------------------

EventRecorder::EventRecorder(api::ApiServer& api, std::string component, std::string host,
                             EventCorrelatorOptions opts)
    : api_(api), component_(std::move(component)), host_(std::move(host)),
      correlator_(std::make_unique<Correlator>(opts)), events_(api.resource("", "events")) {}

EventRecorder::~EventRecorder() = default;

Json EventRecorder::reference(const Json& object, std::string_view field_path) {
  Json ref = Json::object();
  auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) ref[k] = v;
  };
  put("kind", s(object, {"kind"}));
  put("namespace", api::meta::namespace_of(object));
  put("name", api::meta::name(object));
  put("uid", api::meta::uid(object));
  put("apiVersion", s(object, {"apiVersion"}));
  put("resourceVersion", s(object, {"metadata", "resourceVersion"}));
  put("fieldPath", std::string(field_path));
  return ref;
}

std::string EventRecorder::unique_name(const std::string& object_name) {
  std::int64_t nanos = api_.sim().now().us * 1000;
  if (nanos <= last_nanos_) nanos = last_nanos_ + 1;
  last_nanos_ = nanos;
  return object_name + "." + hex(nanos);
}

void EventRecorder::event(const Json& object, EventType type, std::string_view reason, std::string_view message,
                          std::string_view field_path) {
  const sim::Time now = api_.sim().now();
  const std::string ts = api_.now_rfc3339();
  Json ref = reference(object, field_path);
  std::string ns = ref.value("namespace", "");
  if (ns.empty()) ns = "default";

  Json ev = {{"apiVersion", "v1"},
             {"kind", "Event"},
             {"metadata", {{"name", unique_name(ref.value("name", ""))}, {"namespace", ns}}},
             {"involvedObject", ref},
             {"reason", std::string(reason)},
             {"message", std::string(message)},
             {"source", {{"component", component_}}},
             {"firstTimestamp", ts},
             {"lastTimestamp", ts},
             {"count", 1},
             {"type", std::string(to_string(type))},
             {"eventTime", nullptr},
             {"reportingComponent", component_},
             {"reportingInstance", host_}};
  if (!host_.empty()) ev["source"]["host"] = host_;

  Correlator& c = *correlator_;
  // Aggregation (EventAggregate).
  std::string ckey = event_key(ev);
  {
    const std::string akey = aggregate_key(ev);
    Correlator::AggregateRecord rec;
    if (auto* found = c.aggregates.get(akey)) rec = *found;
    if (rec.local_keys.empty() || now - rec.last > c.opts.similar_interval) rec = {};
    rec.local_keys.insert(std::string(message));
    rec.last = now;
    const bool aggregate = rec.local_keys.size() >= c.opts.max_similar;
    // PopAny keeps the set from growing past the maximum (Go pops an arbitrary
    // element; the smallest keeps runs reproducible).
    if (aggregate) rec.local_keys.erase(rec.local_keys.begin());
    c.aggregates.put(akey, rec);
    if (aggregate) {
      ++stats_.aggregated;
      // The aggregate Event is a fresh copy without the reporting fields, as in client-go.
      ev["message"] = "(combined from similar events): " + std::string(message);
      ev["reportingComponent"] = "";
      ev["reportingInstance"] = "";
      ckey = akey;
    }
  }
  // Dedup (eventObserve).
  bool update_existing = false;
  {
    Correlator::EventLog last;
    if (auto* found = c.log.get(ckey)) last = *found;
    if (last.count > 0) {
      ev["metadata"]["name"] = last.name;
      ev["firstTimestamp"] = last.first_timestamp;
      ev["count"] = last.count + 1;
      update_existing = true;
    }
    c.log.put(ckey, Correlator::EventLog{ev["count"].get<std::int64_t>(), ev["firstTimestamp"].get<std::string>(),
                                         api::meta::name(ev), last.resource_version});
  }
  // Spam filter (EventSourceObjectSpamFilter), after the log as in client-go.
  {
    const std::string skey = spam_key(ev);
    Correlator::SpamRecord* rec = c.spam.get(skey);
    if (!rec) {
      c.spam.put(skey, Correlator::SpamRecord{TokenBucket(c.opts.spam_qps, c.opts.spam_burst)});
      rec = c.spam.get(skey);
    }
    if (!rec->bucket.try_accept(now)) {
      ++stats_.skipped;
      return;
    }
  }
  write(std::move(ev), update_existing);
}

void EventRecorder::write(Json ev, bool update_existing) {
  const std::string ns = api::meta::namespace_of(ev);
  try {
    if (update_existing) {
      Json patch = {{"count", ev["count"]}, {"lastTimestamp", ev["lastTimestamp"]}, {"message", ev["message"]}};
      try {
        api::ObjectPtr out = api_.patch(events_, ns, api::meta::name(ev), api::PatchType::Strategic, patch);
        ++stats_.patched;
        correlator_->update_state(*out);
        return;
      } catch (const api::ApiError& e) {
        if (e.code() != 404) throw;
        // The event expired or was deleted: create it again under the same name.
      }
    }
    for (int attempt = 0;; ++attempt) {
      try {
        api::ObjectPtr out = api_.create(events_, ns, ev);
        ++stats_.created;
        correlator_->update_state(*out);
        return;
      } catch (const api::ApiError& e) {
        // Another recorder used this name at the same virtual instant: next nanosecond.
        if (e.code() != 409 || update_existing || attempt >= 8) throw;
        ev["metadata"]["name"] = unique_name(api::str_field(ev, {"involvedObject", "name"}));
      }
    }
  } catch (const api::ApiError&) {
    ++stats_.failed;
  }
}

// ---- 4. EventTTL ------------------------------------------------------------------------------

EventTTL::EventTTL(api::ApiServer& api, sim::Duration ttl) : api_(api), ttl_(ttl) {
  for (const auto* res : {api.registry().find_plural("", "events"), api.registry().find_plural("events.k8s.io", "events")}) {
    if (!res) continue;
    auto inf = std::make_unique<SharedInformer>(api, *res);
    inf->add_handler({[this, res](const api::ObjectPtr& o) { arm(*res, o); },
                      [this, res](const api::ObjectPtr&, const api::ObjectPtr& o) { arm(*res, o); },
                      [this, res](const api::ObjectPtr& o) { disarm(*res, o); }});
    informers_.push_back(std::move(inf));
  }
}

EventTTL::~EventTTL() {
  stop();
}

void EventTTL::start() {
  for (auto& inf : informers_) inf->start();
}

void EventTTL::stop() {
  for (auto& inf : informers_) inf->stop();
  for (auto& [k, id] : timers_) api_.sim().cancel(id);
  timers_.clear();
}

void EventTTL::arm(const api::ResourceInfo& res, const api::ObjectPtr& obj) {
  const std::string key = res.group + "/" + api::meta::key(*obj);
  auto it = timers_.find(key);
  if (it != timers_.end()) api_.sim().cancel(it->second);
  const std::string ns = api::meta::namespace_of(*obj), name = api::meta::name(*obj), uid = api::meta::uid(*obj);
  const api::ResourceInfo* r = &res;
  timers_[key] = api_.sim().schedule(ttl_, [w = life_.weak(), this, r, key, ns, name, uid] {
    if (w.expired()) return;
    timers_.erase(key);
    api::DeleteOptions opts;
    opts.precondition_uid = uid;
    try {
      api_.remove(*r, ns, name, opts);
      ++expired_;
    } catch (const api::ApiError&) {
      // Already gone, or replaced by a newer event of the same name.
    }
  });
}

void EventTTL::disarm(const api::ResourceInfo& res, const api::ObjectPtr& obj) {
  auto it = timers_.find(res.group + "/" + api::meta::key(*obj));
  if (it == timers_.end()) return;
  api_.sim().cancel(it->second);
  timers_.erase(it);
}

}  // namespace kt::client
