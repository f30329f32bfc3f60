// SharedInformer. Map of this file:
//   1. index functions
//   2. handlers and indexes
//   3. list / watch / relist (the Reflector)
//   4. cache reads, Lister
//   5. SharedInformerFactory
#include "core/client/informer.h"

#include <utility>

namespace kt::client {

using api::WatchEvent;

// ---- 1. index functions ---------------------------------------------------------

std::vector<std::string> index_by_namespace(const Json& obj) { return {api::meta::namespace_of(obj)}; }

std::vector<std::string> index_by_node_name(const Json& obj) {
  std::string node = api::str_field(obj, {"spec", "nodeName"});
  if (node.empty()) return {};
  return {std::move(node)};
}

std::vector<std::string> index_by_controller_uid(const Json& obj) {
  const Json* ref = api::meta::controller_ref(obj);
  if (!ref) return {};
  std::string uid = ref->value("uid", "");
  if (uid.empty()) return {};
  return {std::move(uid)};
}

std::vector<std::string> index_by_owner_uid(const Json& obj) {
  std::vector<std::string> out;
  const Json& refs = api::field(obj, {"metadata", "ownerReferences"});
  if (!refs.is_array()) return out;
  for (const auto& r : refs) {
    if (!r.is_object()) continue;
    std::string uid = r.value("uid", "");
    if (!uid.empty()) out.push_back(std::move(uid));
  }
  return out;
}

// ---- 2. handlers and indexes ----------------------------------------------------

SharedInformer::SharedInformer(api::ApiServer& api, const api::ResourceInfo& res, InformerOptions opts)
    : api_(api), res_(res), opts_(std::move(opts)) {}

SharedInformer::~SharedInformer() { stop(); }

HandlerId SharedInformer::add_handler(ResourceEventHandler h) {
  HandlerId id = next_handler_++;
  handlers_[id] = Handler{std::move(h), 0};
  if (started_) {
    // Replay the cache: a late handler sees the same world as the early ones.
    const std::vector<ObjectPtr> now = list();
    for (const auto& obj : now) {
      auto it = handlers_.find(id);
      if (it == handlers_.end()) break;
      if (it->second.h.on_add) it->second.h.on_add(obj);
    }
    schedule_resync(id);
  }
  return id;
}

void SharedInformer::remove_handler(HandlerId id) {
  auto it = handlers_.find(id);
  if (it == handlers_.end()) return;
  if (it->second.resync_event) api_.sim().cancel(it->second.resync_event);
  handlers_.erase(it);
}

void SharedInformer::add_indexer(const std::string& name, IndexFunc fn) {
  if (name == kNamespaceIndex) namespace_index_builtin_ = false;  // replaced: kept like any other
  Index& idx = indexes_[name];
  idx.fn = std::move(fn);
  idx.values.clear();
  items_.for_each([&](const api::ObjectMap::Entry& e) {
    for (auto& v : idx.fn(*e.object)) idx.values[v].insert(e.key->text);
  });
}

void SharedInformer::index_add(const std::string& key, const Json& obj) {
  for (auto& [name, idx] : indexes_)
    for (auto& v : idx.fn(obj)) idx.values[v].insert(key);
}

void SharedInformer::index_remove(const std::string& key, const Json& obj) {
  for (auto& [name, idx] : indexes_) {
    for (auto& v : idx.fn(obj)) {
      auto it = idx.values.find(v);
      if (it == idx.values.end()) continue;
      it->second.erase(key);
      if (it->second.empty()) idx.values.erase(it);
    }
  }
}

ObjectPtr SharedInformer::store(const api::SharedKey& key, const ObjectPtr& obj) {
  ObjectPtr old = items_.put(key, obj);
  if (!indexes_.empty()) {
    if (old) index_remove(key->text, *old);
    index_add(key->text, *obj);
  }
  return old;
}

void SharedInformer::erase(const std::string& key) {
  ObjectPtr old = items_.erase(key);
  if (old && !indexes_.empty()) index_remove(key, *old);
}

// Handlers are called by id over a snapshot so one may remove itself (or another).
// The snapshot lives on the stack for the usual handful of handlers: this runs for
// every watch event of every informer.
namespace {
template <typename Handlers, typename Fn>
void for_each_handler(Handlers& handlers, Fn&& fn) {
  // One handler (most informers): nothing is read after its call, which may remove it.
  if (handlers.size() == 1) {
    fn(handlers.begin()->second.h);
    return;
  }
  constexpr std::size_t kInline = 16;
  HandlerId inline_ids[kInline];
  std::vector<HandlerId> heap_ids;
  HandlerId* ids = inline_ids;
  if (handlers.size() > kInline) {
    heap_ids.resize(handlers.size());
    ids = heap_ids.data();
  }
  std::size_t n = 0;
  for (const auto& entry : handlers) ids[n++] = entry.first;
  for (std::size_t i = 0; i < n; ++i) {
    auto it = handlers.find(ids[i]);
    if (it != handlers.end()) fn(it->second.h);
  }
}
}  // namespace

void SharedInformer::notify_add(const ObjectPtr& obj) {
  for_each_handler(handlers_, [&](const ResourceEventHandler& h) {
    if (h.on_add) h.on_add(obj);
  });
}

void SharedInformer::notify_update(const ObjectPtr& old_obj, const ObjectPtr& new_obj, bool is_sync) {
  for_each_handler(handlers_, [&](const ResourceEventHandler& h) {
    if (!h.on_update) return;
    if (is_sync && h.resync_period.us <= 0) return;
    h.on_update(old_obj, new_obj);
  });
}

void SharedInformer::notify_delete(const ObjectPtr& obj) {
  for_each_handler(handlers_, [&](const ResourceEventHandler& h) {
    if (h.on_delete) h.on_delete(obj);
  });
}

void SharedInformer::schedule_resync(HandlerId id) {
  auto it = handlers_.find(id);
  if (it == handlers_.end() || it->second.h.resync_period.us <= 0) return;
  it->second.resync_event = api_.sim().schedule(it->second.h.resync_period, [w = life_.weak(), this, id] {
    if (w.expired() || !started_) return;
    auto h = handlers_.find(id);
    if (h == handlers_.end()) return;
    h->second.resync_event = 0;
    const std::vector<ObjectPtr> now = list();
    for (const auto& obj : now) {
      h = handlers_.find(id);
      if (h == handlers_.end()) return;
      if (h->second.h.on_update) h->second.h.on_update(obj, obj);
    }
    schedule_resync(id);
  });
}

// ---- 3. list / watch / relist -----------------------------------------------------

void SharedInformer::start() {
  if (started_) return;
  started_ = true;
  list_and_watch(false);
  for (const auto& [id, h] : handlers_) schedule_resync(id);
}

void SharedInformer::stop() {
  started_ = false;
  if (watch_) watch_->stop();
  watch_.reset();
  if (reconnect_event_) api_.sim().cancel(reconnect_event_);
  reconnect_event_ = 0;
  for (auto& [id, h] : handlers_) {
    if (h.resync_event) api_.sim().cancel(h.resync_event);
    h.resync_event = 0;
  }
}

void SharedInformer::list_and_watch(bool relist) {
  if (watch_) watch_->stop();
  watch_.reset();
  api::ListOptions lo;
  lo.label_selector = opts_.label_selector;
  lo.field_selector = opts_.field_selector;
  api::ListResult lr = api_.list(res_, opts_.ns, lo);
  ++stats_.lists;
  if (relist) ++stats_.relists;
  last_event_object_.reset();
  last_rv_ = lr.resource_version;

  if (!relist) {
    for (const auto& obj : lr.items) {
      store(api::make_key(api::meta::key(*obj)), obj);
      notify_add(obj);
    }
  } else {
    // DeltaFIFO.Replace: listed objects first, in list order, then tombstones.
    std::set<std::string> listed;
    for (const auto& obj : lr.items) {
      api::SharedKey key = api::make_key(api::meta::key(*obj));
      listed.insert(key->text);
      ObjectPtr old = store(key, obj);
      if (!old) notify_add(obj);
      else notify_update(old, obj, api::meta::resource_version(*old) == api::meta::resource_version(*obj));
    }
    std::vector<std::pair<std::string, ObjectPtr>> gone;
    items_.for_each([&](const api::ObjectMap::Entry& e) {
      if (!listed.count(e.key->text)) gone.emplace_back(e.key->text, e.object);
    });
    for (const auto& [key, obj] : gone) {
      erase(key);
      notify_delete(obj);
    }
  }
  synced_ = true;
  start_watch();
}

void SharedInformer::start_watch() {
  if (!started_) return;
  api::WatchOptions wo;
  wo.resource_version = std::to_string(last_resource_version());
  wo.label_selector = opts_.label_selector;
  wo.field_selector = opts_.field_selector;
  wo.allow_bookmarks = true;
  try {
    watch_ = api_.watch(res_, opts_.ns, wo, [w = life_.weak(), this](const WatchEvent& ev) {
      if (w.expired()) return;
      on_watch_event(ev);
    });
    ++stats_.watches;
  } catch (const api::ApiError& e) {
    watch_failed(e.code() == 410);
  }
}

void SharedInformer::watch_failed(bool expired) {
  if (watch_) watch_->stop();
  watch_.reset();
  if (!started_) return;
  if (expired) {
    list_and_watch(true);
    return;
  }
  // Any other failure: try the watch again after a second (the reflector's backoff).
  drop_watch(sim::seconds(1));
}

void SharedInformer::drop_watch(sim::Duration reconnect_after) {
  if (watch_) watch_->stop();
  watch_.reset();
  if (!started_) return;
  if (reconnect_event_) api_.sim().cancel(reconnect_event_);
  reconnect_event_ = api_.sim().schedule(reconnect_after, [w = life_.weak(), this] {
    if (w.expired()) return;
    reconnect_event_ = 0;
    if (started_ && !watch_) start_watch();
  });
}

void SharedInformer::on_watch_event(const WatchEvent& ev) {
  if (!started_) return;
  switch (ev.type) {
    case WatchEvent::Type::Bookmark: {
      const std::uint64_t rv = ev.resource_version ? ev.resource_version : api::meta::resource_version(*ev.object);
      if (rv > last_resource_version()) last_rv_ = rv;
      return;
    }
    case WatchEvent::Type::Error: {
      const bool expired = ev.object && ev.object->is_object() && ev.object->value("code", 0) == 410;
      watch_failed(expired);
      return;
    }
    default: break;
  }
  ++stats_.events;
  // The cache's index is too big for the processor caches when a resource has many
  // objects: load the slot of an event a few places ahead while this one is handled.
  constexpr std::size_t kPrefetchAhead = 6;
  if (const WatchEvent* next = watch_ ? watch_->peek(kPrefetchAhead) : nullptr; next && next->key)
    items_.prefetch(*next->key);
  const ObjectPtr& obj = ev.object;
  // The store sends its key along; computing it is the fallback.
  api::SharedKey computed;
  const api::SharedKey& key = ev.key ? ev.key : (computed = api::make_key(api::meta::key(*obj)));
  if (ev.resource_version > last_rv_) last_rv_ = ev.resource_version;
  else if (!ev.resource_version) last_event_object_ = obj;  // its resourceVersion is read when needed
  switch (ev.type) {
    case WatchEvent::Type::Added:
    case WatchEvent::Type::Modified: {
      ObjectPtr old = store(key, obj);
      if (old) notify_update(old, obj, false);
      else notify_add(obj);
      break;
    }
    case WatchEvent::Type::Deleted:
      // A deletion already reported by a relist is not reported twice (DeltaFIFO.Delete).
      if (!items_.find(key->text)) return;
      erase(key->text);
      notify_delete(obj);
      break;
    default: break;
  }
}

// ---- 4. cache reads, Lister ------------------------------------------------------

std::uint64_t SharedInformer::last_resource_version() const {
  if (last_event_object_) {
    const std::uint64_t rv = api::meta::resource_version(*last_event_object_);
    if (rv > last_rv_) last_rv_ = rv;
    last_event_object_.reset();
  }
  return last_rv_;
}

ObjectPtr SharedInformer::get(std::string_view key) const { return items_.get(key); }

ObjectPtr SharedInformer::get(std::string_view ns, std::string_view name) const {
  if (ns.empty()) return get(name);
  std::string key;
  key.reserve(ns.size() + name.size() + 1);
  key.append(ns).append("/").append(name);
  return get(key);
}

std::vector<ObjectPtr> SharedInformer::list() const {
  std::vector<ObjectPtr> out;
  out.reserve(items_.size());
  items_.for_each([&](const api::ObjectMap::Entry& e) { out.push_back(e.object); });
  return out;
}

std::vector<ObjectPtr> SharedInformer::list_namespace(std::string_view ns) const {
  if (ns.empty()) return list();
  return by_index(kNamespaceIndex, ns);
}

std::vector<ObjectPtr> SharedInformer::by_index(std::string_view index, std::string_view value) const {
  std::vector<ObjectPtr> out;
  if (index == kNamespaceIndex && namespace_index_builtin_) {
    // index_by_namespace(obj) is the part of meta::key(obj) before its '/', or "".
    if (!value.empty()) {
      std::string prefix;
      prefix.reserve(value.size() + 1);
      prefix.append(value).push_back('/');
      items_.for_each_prefix(prefix, [&](const api::ObjectMap::Entry& e) { out.push_back(e.object); });
    } else {
      items_.for_each([&](const api::ObjectMap::Entry& e) {
        if (e.key->text.find('/') == std::string::npos) out.push_back(e.object);
      });
    }
    return out;
  }
  auto idx = indexes_.find(std::string(index));
  if (idx == indexes_.end()) return out;
  auto it = idx->second.values.find(std::string(value));
  if (it == idx->second.values.end()) return out;
  out.reserve(it->second.size());
  for (const auto& key : it->second)
    if (ObjectPtr obj = items_.get(key)) out.push_back(std::move(obj));
  return out;
}

std::vector<std::string> SharedInformer::keys() const {
  std::vector<std::string> out;
  out.reserve(items_.size());
  items_.for_each([&](const api::ObjectMap::Entry& e) { out.push_back(e.key->text); });
  return out;
}

Lister SharedInformer::lister() const { return Lister(*this); }

ObjectPtr Lister::get(std::string_view ns, std::string_view name) const { return inf_->get(ns, name); }

std::vector<ObjectPtr> Lister::list(std::string_view ns) const { return inf_->list_namespace(ns); }

std::vector<ObjectPtr> Lister::list(std::string_view ns, const api::LabelSelector& selector) const {
  std::vector<ObjectPtr> out;
  for (auto& obj : inf_->list_namespace(ns))
    if (selector.matches(api::meta::labels(*obj))) out.push_back(std::move(obj));
  return out;
}

std::vector<ObjectPtr> Lister::list(std::string_view ns, const std::function<bool(const Json&)>& pred) const {
  std::vector<ObjectPtr> out;
  for (auto& obj : inf_->list_namespace(ns))
    if (pred(*obj)) out.push_back(std::move(obj));
  return out;
}

// ---- 5. SharedInformerFactory ------------------------------------------------------

SharedInformerFactory::SharedInformerFactory(api::ApiServer& api) : api_(api) {}
SharedInformerFactory::~SharedInformerFactory() = default;

SharedInformer& SharedInformerFactory::informer(const api::ResourceInfo& res) {
  const std::string key = res.api_version() + "/" + res.plural;
  auto& slot = informers_[key];
  if (!slot) slot = std::make_unique<SharedInformer>(api_, res);
  return *slot;
}

SharedInformer& SharedInformerFactory::informer(std::string_view group, std::string_view plural) {
  return informer(api_.resource(group, plural));
}

void SharedInformerFactory::start() {
  for (auto& [k, inf] : informers_)
    if (!inf->started()) inf->start();
}

void SharedInformerFactory::stop() {
  for (auto& [k, inf] : informers_) inf->stop();
}

bool SharedInformerFactory::has_synced() const {
  for (const auto& [k, inf] : informers_)
    if (!inf->has_synced()) return false;
  return true;
}

std::vector<SharedInformer*> SharedInformerFactory::informers() const {
  std::vector<SharedInformer*> out;
  for (const auto& [k, inf] : informers_) out.push_back(inf.get());
  return out;
}

}  // namespace kt::client
