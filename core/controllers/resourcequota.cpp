// Map: 1. wiring (informer handlers, resync timer); 2. replenishment; 3. sync.
#include "core/controllers/resourcequota.h"

#include "core/admission/quota_usage.h"
#include "core/admission/resource_list.h"

namespace kt::controllers {

using admission::ResourceList;

namespace {

bool same_hard(const Json& a, const Json& b) {
  return admission::equals(admission::parse_resource_list(api::field(a, {"spec", "hard"})),
                           admission::parse_resource_list(api::field(b, {"spec", "hard"})));
}

}  // namespace

// ---- 1. wiring ------------------------------------------------------------------------

ResourceQuotaController::ResourceQuotaController(api::ApiServer& api, client::SharedInformerFactory& informers)
    : ResourceQuotaController(api, informers, Options{}) {}

ResourceQuotaController::ResourceQuotaController(api::ApiServer& api, client::SharedInformerFactory& informers,
                                                 Options opts)
    : client::Controller(api.sim(), {"resourcequota-controller", opts.workers, {}, nullptr}),
      api_(api), informers_(informers), opts_(opts) {}

ResourceQuotaController::~ResourceQuotaController() {
  for (auto& [inf, id] : handlers_) inf->remove_handler(id);
  if (resync_event_) api_.sim().cancel(resync_event_);
}

client::SharedInformer& ResourceQuotaController::quotas() { return informers_.informer("", "resourcequotas"); }

void ResourceQuotaController::start() {
  if (started()) return;
  client::SharedInformer& q = quotas();
  client::ResourceEventHandler h;
  h.on_add = [this](const api::ObjectPtr& obj) { enqueue(*obj); };
  // Only spec changes matter: our own status writes come back as updates.
  h.on_update = [this](const api::ObjectPtr& old_obj, const api::ObjectPtr& new_obj) {
    if (!same_hard(*old_obj, *new_obj)) enqueue(*new_obj);
  };
  h.on_delete = [this](const api::ObjectPtr& obj) { enqueue(*obj); };
  handlers_.emplace_back(&q, q.add_handler(std::move(h)));
  if (!q.started()) q.start();
  for (const char* plural : {"pods", "services", "persistentvolumeclaims", "configmaps", "secrets",
                             "replicationcontrollers", "resourcequotas"})
    monitor(api_.resource("", plural));
  client::Controller::start();
  schedule_resync();
}

void ResourceQuotaController::stop() {
  if (resync_event_) api_.sim().cancel(resync_event_);
  resync_event_ = 0;
  client::Controller::stop();
}

void ResourceQuotaController::schedule_resync() {
  if (opts_.resync_period.us <= 0) return;
  resync_event_ = api_.sim().schedule(opts_.resync_period, [w = life_.weak(), this] {
    if (w.expired() || !started()) return;
    enqueue_all();
    schedule_resync();
  });
}

void ResourceQuotaController::enqueue_all() {
  for (const api::ObjectPtr& q : quotas().list()) enqueue(*q);
}

// ---- 2. replenishment ----------------------------------------------------------------------

void ResourceQuotaController::monitor(const api::ResourceInfo& res) {
  if (!monitored_.insert(res.qualified()).second) return;
  client::SharedInformer& inf = informers_.informer(res);
  const admission::QuotaEvaluator evaluator = admission::QuotaEvaluator::for_resource(res);
  client::ResourceEventHandler h;
  h.on_add = [this, &res](const api::ObjectPtr& obj) { replenish(res, api::meta::namespace_of(*obj)); };
  h.on_update = [this, &res, evaluator](const api::ObjectPtr& old_obj, const api::ObjectPtr& new_obj) {
    const sim::Time now = api_.sim().now();
    if (!admission::equals(evaluator.usage(*old_obj, now), evaluator.usage(*new_obj, now)))
      replenish(res, api::meta::namespace_of(*new_obj));
  };
  h.on_delete = [this, &res](const api::ObjectPtr& obj) { replenish(res, api::meta::namespace_of(*obj)); };
  handlers_.emplace_back(&inf, inf.add_handler(std::move(h)));
  if (!inf.started()) inf.start();
}

// Queues the namespace's quotas that limit something objects of `res` consume.
void ResourceQuotaController::replenish(const api::ResourceInfo& res, const std::string& ns) {
  if (ns.empty()) return;
  const admission::QuotaEvaluator evaluator = admission::QuotaEvaluator::for_resource(res);
  for (const api::ObjectPtr& q : quotas().by_index(client::kNamespaceIndex, ns))
    if (!evaluator.matching_resources(admission::names_of(admission::quota_hard(*q))).empty()) enqueue(*q);
}

void ResourceQuotaController::recalculate(const std::string& ns) {
  for (const api::ObjectPtr& q : quotas().by_index(client::kNamespaceIndex, ns)) sync(api::meta::key(*q));
}

// ---- 3. sync --------------------------------------------------------------------------------

client::SyncResult ResourceQuotaController::sync(const std::string& key) {
  api::ObjectPtr quota = quotas().get(key);
  if (!quota) return client::SyncResult::ok();  // deleted
  const std::string ns = api::meta::namespace_of(*quota);

  const ResourceList hard = admission::quota_hard(*quota);
  const Json& status_hard = api::field(*quota, {"status", "hard"});
  const Json& status_used = api::field(*quota, {"status", "used"});
  // First sync, or spec.hard moved: status must be written whatever the usage.
  bool dirty = !status_hard.is_object() || !status_used.is_object() ||
               !admission::equals(hard, admission::parse_resource_list(status_hard));

  // Count/<resource> limits need that resource watched before it can be counted.
  for (const admission::QuotaEvaluator& e : admission::evaluators_for(admission::names_of(hard), api_.registry()))
    monitor(e.resource());
  admission::ObjectLister from_cache = [this](const api::ResourceInfo& res, const std::string& n) {
    return informers_.informer(res).list_namespace(n);
  };
  const ResourceList previous = admission::parse_resource_list(status_used);
  ResourceList used = previous;
  for (const auto& [name, q] : admission::calculate_usage(*quota, ns, api_.registry(), from_cache, api_.sim().now()))
    used[name] = q;
  used = admission::mask(used, admission::names_of(hard));
  dirty = dirty || !admission::equals(used, previous);
  if (!dirty) return client::SyncResult::ok();

  Json next = *quota;
  next["status"] = {{"hard", admission::to_json(hard)}, {"used", admission::to_json(used)}};
  api::WriteOptions opts;
  opts.subresource = "status";
  api_.update(api_.resource("", "resourcequotas"), ns, std::move(next), opts);  // conflicts retry via the queue
  return client::SyncResult::ok();
}

}  // namespace kt::controllers
