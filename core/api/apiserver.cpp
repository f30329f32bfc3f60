// ApiServer: the verbs. Map of this file:
//   1. helpers: metadata bookkeeping, namespaces, filters
//   2. create
//   3. get / list / watch
//   4. update / patch (write_update is the shared tail)
//   5. delete (graceful pods, finalizers, propagation)
//   6. pods/binding
//   7. scale subresource
#include "core/api/apiserver.h"

#include <cstdio>

#include "core/api/conversion.h"
#include "core/api/create_memo.h"
#include "core/api/decode_check.h"
#include "core/api/filter.h"
#include "core/api/managed_fields.h"
#include "core/api/patch.h"
#include "core/api/service_alloc.h"
#include "core/api/store.h"
#include "core/api/strategy.h"
#include "core/util/names.h"
#include "core/util/timefmt.h"

namespace kt::api {
namespace {

// ---- 1. helpers -------------------------------------------------------------

bool is_pod(const ResourceInfo& r) { return r.group.empty() && r.plural == "pods"; }
bool is_namespace(const ResourceInfo& r) { return r.group.empty() && r.plural == "namespaces"; }

Json& metadata_of(Json& obj) {
  // Through the member map: Json's find builds checked iterators, and its operator[]
  // a map node even when the member is there.
  Json* m = nullptr;
  if (auto* members = obj.get_ptr<Json::object_t*>()) {
    auto it = members->find(std::string_view("metadata"));
    m = it != members->end() ? &it->second : &members->assign("metadata", Json::object());
  } else {
    m = &obj["metadata"];  // null becomes an object; other types throw, as before
  }
  if (!m->is_object()) *m = Json::object();
  return *m;
}

// ObjectMeta's maps and lists are omitempty in Go: an empty one is not stored (a
// patch that removes the last label leaves no `labels: {}` behind, and changes nothing
// when there was none).
bool omitted_when_empty(std::string_view k) {
  return k == "labels" || k == "annotations" || k == "finalizers" || k == "ownerReferences" || k == "managedFields";
}

void drop_empty_metadata(Json& obj) {
  auto it = obj.find("metadata");
  if (it == obj.end() || !it->is_object()) return;
  // One pass over the members (most are not empty lists or maps), not a lookup per name.
  auto& members = it->get_ref<Json::object_t&>();
  for (auto m = members.begin(); m != members.end();) {
    const bool droppable = m->second.is_structured() && m->second.empty() && omitted_when_empty(m->first);
    m = droppable ? members.erase(m) : std::next(m);
  }
}

// The metadata of an object being created, as sent, walked once: it drops the
// empty lists and maps (as drop_empty_metadata), the system fields a client may not
// set (deletionTimestamp, deletionGracePeriodSeconds, generation where the kind
// keeps none, namespace where it has none), and reads the string members create
// checks ("" when absent or of another type). The views point into `m`: valid while
// those members are neither written nor erased.
struct SentMetadata {
  std::string_view name, generate_name, ns, resource_version;
};
SentMetadata take_sent_metadata(Json& m, bool namespaced, bool keeps_generation) {
  SentMetadata out;
  auto& members = m.get_ref<Json::object_t&>();
  for (auto it = members.begin(); it != members.end();) {
    const std::string_view k = it->first;
    const Json& v = it->second;
    const std::string_view text = v.is_string() ? std::string_view(v.get_ref<const std::string&>()) : std::string_view();
    bool drop = false;
    if (k == "deletionTimestamp" || k == "deletionGracePeriodSeconds") drop = true;
    else if (k == "generation") drop = !keeps_generation;
    else if (k == "namespace" && !namespaced) drop = true;
    else if (k == "namespace") out.ns = text;
    else if (k == "name") out.name = text;
    else if (k == "generateName") out.generate_name = text;
    else if (k == "resourceVersion") out.resource_version = text;
    else drop = v.is_structured() && v.empty() && omitted_when_empty(k);
    it = drop ? members.erase(it) : std::next(it);
  }
  return out;
}

bool has_finalizers(const Json& obj) {
  const Json& f = field(obj, {"metadata", "finalizers"});
  return f.is_array() && !f.empty();
}

bool has_finalizer(const Json& obj, std::string_view name) {
  const Json& f = field(obj, {"metadata", "finalizers"});
  if (!f.is_array()) return false;
  for (const auto& x : f)
    if (x.is_string() && x.get_ref<const std::string&>() == name) return true;
  return false;
}

void add_finalizer(Json& obj, const std::string& name) {
  if (has_finalizer(obj, name)) return;
  auto& f = metadata_of(obj)["finalizers"];
  if (!f.is_array()) f = Json::array();
  f.push_back(name);
}

// An object marked for deletion is removed once nothing holds it any more: no
// finalizers, a namespace's spec.finalizers emptied too, a pod's grace period
// ended by the kubelet (deletionGracePeriodSeconds 0).
bool ready_to_erase(const ResourceInfo& res, const Json& obj) {
  if (!meta::being_deleted(obj) || has_finalizers(obj)) return false;
  if (is_namespace(res)) {
    const Json& f = field(obj, {"spec", "finalizers"});
    if (f.is_array() && !f.empty()) return false;
  }
  if (is_pod(res)) return int_field(obj, {"metadata", "deletionGracePeriodSeconds"}, 0) == 0;
  return true;
}

// The parts of an object that updates may not change.
void keep_system_metadata(Json& obj, const Json& old) {
  auto& m = metadata_of(obj);
  const auto& om = field(old, {"metadata"});
  for (const char* k : {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation",
                        "name", "namespace", "generateName"}) {
    auto it = om.find(k);
    if (it != om.end()) m[k] = *it;
    else m.erase(k);
  }
}

std::string rv_string(std::uint64_t rv) { return std::to_string(rv); }

// A stored object as `conv`'s served version sees it.
ObjectPtr served(const VersionConversion& conv, const ObjectPtr& stored) {
  return stored ? make_object(conv.from_storage(*stored)) : nullptr;
}

}  // namespace

ApiServer::ApiServer(sim::Simulator& sim, sim::Random rng) : ApiServer(sim, std::move(rng), Config{}) {}

ApiServer::ApiServer(sim::Simulator& sim, sim::Random rng, Config cfg)
    : sim_(sim), rng_(std::move(rng)), cfg_(cfg), registry_(ResourceRegistry::builtin()),
      store_(std::make_unique<Store>(sim, cfg.watch_history, cfg.bookmark_interval)),
      memo_(std::make_unique<CreateMemo>()) {
  // Part of the services REST storage in kube, not a plugin one can turn off.
  admission_.push_back(std::make_unique<ServiceAllocator>(rng_.fork("service-allocator")));
}

ApiServer::~ApiServer() = default;

const ResourceInfo& ApiServer::resource(std::string_view group, std::string_view plural) const {
  if (const ResourceInfo* r = registry_.find_plural(group, plural)) return *r;
  throw ApiError::not_found(group.empty() ? std::string(plural) : std::string(plural) + "." + std::string(group), "");
}

void ApiServer::add_admission(std::unique_ptr<AdmissionPlugin> plugin) { admission_.push_back(std::move(plugin)); }

std::string ApiServer::now_rfc3339() const { return util::format_rfc3339(sim_.now()); }

std::string ApiServer::new_uid() {
  // RFC 4122 version 4 layout, from the seeded stream.
  std::uint64_t a = rng_.next(), b = rng_.next();
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  // "%08x-%04x-%04x-%04x-%012x" of a's 32|16|16 bits and b's 16|48, by hand: every
  // create draws one, and snprintf's format parsing cost more than the rest of it.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(36, '-');
  auto put = [&](std::size_t at, std::uint64_t v, int digits) {
    for (int i = digits - 1; i >= 0; --i, v >>= 4) out[at + static_cast<std::size_t>(i)] = kHex[v & 0xf];
  };
  put(0, a >> 32, 8);
  put(9, (a >> 16) & 0xffff, 4);
  put(14, a & 0xffff, 4);
  put(19, b >> 48, 4);
  put(24, b & 0xffffffffffffULL, 12);
  return out;
}

std::uint64_t ApiServer::current_resource_version() const { return store_->resource_version(); }
StoreStats ApiServer::stats() const { return store_->stats(); }

void ApiServer::run_admission(AdmissionRequest& req) {
  for (auto& p : admission_) p->admit(req, *this);
  for (auto& p : admission_) p->validate(req, *this);
}

// ---- 2. create --------------------------------------------------------------

ObjectPtr ApiServer::create(const ResourceInfo& res, std::string_view ns_in, Json obj, const WriteOptions& opts) {
  warnings_.clear();
  if (!obj.is_object()) throw ApiError::bad_request("the body of the request was not a JSON object");
  std::string ns(res.namespaced ? ns_in : "");
  check_type_meta(res, obj);
  // Members identical to the last ones that decoded cleanly are not walked again, and
  // a spec takes that one's defaulted form (create_memo.h).
  auto spec_at = obj.find("spec");
  Json* spec = spec_at == obj.end() || !spec_at->is_structured() ? nullptr : &*spec_at;
  const CreateMemo::Members decoded = memo_->decoded(res, obj);
  const bool clean = check_fields(res, obj, opts.validation, warnings_, decoded.all());
  if (clean) memo_->remember_decoded(res, obj, decoded);
  const bool spec_is_memos = spec && (clean || decoded.has(spec));
  if (const VersionConversion* conv = conversion_for(res)) {
    // Decoded and defaulted as the version sent, then stored as the storage version.
    strategy_for(res).apply_defaults(obj);
    WriteOptions inner = opts;
    inner.validation = FieldValidation::Ignore;
    std::vector<std::string> warnings = std::move(warnings_);
    ObjectPtr out = create(*conv->storage, ns, conv->to_storage(obj), inner);
    warnings_ = std::move(warnings);
    return served(*conv, out);
  }

  auto& m = metadata_of(obj);
  const SentMetadata sent = take_sent_metadata(m, res.namespaced, res.tracks_generation);
  if (res.namespaced) {
    if (!sent.ns.empty() && sent.ns != ns)
      throw ApiError::bad_request("the namespace of the provided object does not match the namespace sent on the request");
    if (ns.empty()) throw ApiError::bad_request("an empty namespace may not be set during creation");
    if (sent.ns.empty()) set_member(m, "namespace", ns);
  }
  if (!sent.resource_version.empty())
    throw ApiError::bad_request("resourceVersion should not be set on objects to be created");

  std::string name(sent.name);
  auto key_of = [&ns](const std::string& n) { return ns.empty() ? n : ns + "/" + n; };
  std::string key;
  bool known_free = false;  // a generated name just looked up and not found
  if (name.empty() && !sent.generate_name.empty()) {
    // Kube draws once and reports AlreadyExists on a clash; retrying a few times
    // keeps a simulated burst of generated names from failing spuriously.
    for (int attempt = 0; attempt < 8 && !known_free; ++attempt) {
      name = util::generate_name(sent.generate_name, rng_);
      key = key_of(name);
      known_free = !store_->get(res, key);
    }
    set_member(m, "name", name);
  }

  const KindStrategy& strategy = strategy_for(res);
  const bool default_spec_alone = spec_is_memos && strategy.defaults_spec_alone();
  if (const Json* defaulted = default_spec_alone ? memo_->defaulted(res) : nullptr) {
    // Shared, not copied: admission's first write to it makes it a copy; untouched,
    // the store keeps the node as it is, and the validation memo recognises it.
    *spec = borrow_frozen(*defaulted);
  } else {
    strategy.apply_defaults(obj);
    if (default_spec_alone) memo_->remember_defaulted(res, *spec);
  }

  // System metadata (take_sent_metadata dropped what a client may not set).
  set_member(m, "uid", new_uid());
  set_member(m, "creationTimestamp", now_rfc3339());
  if (res.tracks_generation) set_member(m, "generation", 1);

  AdmissionRequest req{Operation::Create, res, opts.subresource, ns, name, &obj, nullptr, opts.dry_run};
  for (auto& p : admission_) p->admit(req, *this);
  // The stored spec this one is identical to, if validated before; neither
  // prepare_for_create (strategy.h) nor admission's validate phase changes the
  // spec, so it is still identical at put.
  const bool spec_alone = strategy.validates_spec_alone();
  const Json* valid_spec = spec_alone ? memo_->validated(res, field(obj, {"spec"})) : nullptr;
  const bool spec_valid = valid_spec != nullptr;
  // After mutating admission, as kube's BeforeCreate: a pod's QoS class counts the
  // resources LimitRanger set. For an identical spec, the status made from it before.
  const Json* status = spec_valid && strategy.prepares_status_from_spec_alone() ? memo_->validated_status(res) : nullptr;
  if (status) set_member(obj, "status", borrow_frozen(*status));
  else strategy.prepare_for_create(obj);

  FieldErrors errs;
  if (name.empty()) {
    errs.push_back(FieldError::required("metadata.name", "name or generateName is required"));
  } else {
    for (auto& msg : strategy.validate_name(name)) errs.push_back(FieldError::invalid("metadata.name", name, msg));
  }
  for (auto& e : strategy.validate_create(obj, spec_valid)) errs.push_back(std::move(e));
  if (!errs.empty()) throw ApiError::invalid(res.qualified_kind(), name, errs);
  for (auto& p : admission_) p->validate(req, *this);

  // Admission does not rename: a generated name found free above is still free.
  if (!known_free) {
    key = key_of(name);
    if (store_->get(res, key)) throw ApiError::already_exists(res.qualified(), name);
  }
  if (opts.dry_run) return make_object(std::move(obj));
  set_member(metadata_of(obj), "resourceVersion", rv_string(store_->next_resource_version()));
  ObjectPtr stored = store_->put(res, key, std::move(obj), valid_spec);
  if (spec_alone && !spec_valid) memo_->remember_validated(res, stored);
  return stored;
}

// ---- 3. get / list / watch ---------------------------------------------------

ObjectPtr ApiServer::try_get(const ResourceInfo& res, std::string_view ns, std::string_view name) const {
  if (const VersionConversion* conv = conversion_for(res)) return served(*conv, try_get(*conv->storage, ns, name));
  std::string key = res.namespaced ? std::string(ns) + "/" + std::string(name) : std::string(name);
  return store_->get(res, key);
}

ObjectPtr ApiServer::get(const ResourceInfo& res, std::string_view ns, std::string_view name) const {
  if (auto obj = try_get(res, ns, name)) return obj;
  throw ApiError::not_found(res.qualified(), std::string(name));
}

ListResult ApiServer::list(const ResourceInfo& res, std::string_view ns, const ListOptions& opts) const {
  if (const VersionConversion* conv = conversion_for(res)) {
    ListResult out = list(*conv->storage, ns, opts);
    for (auto& item : out.items) item = served(*conv, item);
    return out;
  }
  ObjectFilter filter = make_filter(res, opts.label_selector, opts.field_selector);
  ListResult out;
  out.resource_version = store_->resource_version();
  // Paging: the continue token is the last key returned; the next page starts after it.
  const std::string after = opts.continue_token;
  std::int64_t matched_after_limit = 0;
  store_->for_each(res, res.namespaced ? std::string(ns) : std::string(), [&](const ObjectPtr& obj) {
    if (!after.empty() && meta::key(*obj) <= after) return;
    if (filter && !filter(*obj)) return;
    if (opts.limit > 0 && static_cast<std::int64_t>(out.items.size()) >= opts.limit) {
      ++matched_after_limit;
      return;
    }
    out.items.push_back(obj);
  });
  if (matched_after_limit > 0 && !out.items.empty()) {
    out.continue_token = meta::key(*out.items.back());
    out.remaining = matched_after_limit;
  }
  return out;
}

WatchPtr ApiServer::watch(const ResourceInfo& res, std::string_view ns, const WatchOptions& opts,
                          WatchHandler handler) {
  if (const VersionConversion* conv = conversion_for(res)) {
    return watch(*conv->storage, ns, opts, [conv, handler = std::move(handler)](const WatchEvent& e) {
      if (!e.object || e.type == WatchEvent::Type::Bookmark || e.type == WatchEvent::Type::Error) return handler(e);
      WatchEvent converted = e;
      converted.object = served(*conv, e.object);
      handler(converted);
    });
  }
  ObjectFilter filter = make_filter(res, opts.label_selector, opts.field_selector);
  std::optional<std::uint64_t> from;
  if (!opts.resource_version.empty() && opts.resource_version != "0") {
    std::uint64_t rv = 0;
    for (char c : opts.resource_version) {
      if (c < '0' || c > '9') throw ApiError::bad_request("invalid resource version: " + opts.resource_version);
      rv = rv * 10 + static_cast<std::uint64_t>(c - '0');
    }
    from = rv;
  }
  return store_->watch(res, res.namespaced ? std::string(ns) : std::string(), from, std::move(filter),
                       opts.allow_bookmarks, std::move(handler));
}

// ---- 4. update / patch -------------------------------------------------------

ObjectPtr ApiServer::update(const ResourceInfo& res, std::string_view ns_in, Json obj, const WriteOptions& opts) {
  warnings_.clear();
  if (!obj.is_object()) throw ApiError::bad_request("the body of the request was not a JSON object");
  std::string ns(res.namespaced ? ns_in : "");
  check_type_meta(res, obj);
  check_fields(res, obj, opts.validation, warnings_);
  const std::string name = str_field(obj, {"metadata", "name"});
  if (name.empty()) throw ApiError::bad_request("name is required");  // kube: the URL names it
  const std::string body_ns = str_field(obj, {"metadata", "namespace"});
  if (res.namespaced && !body_ns.empty() && body_ns != ns)
    throw ApiError::bad_request("the namespace of the provided object does not match the namespace sent on the request");
  ObjectPtr old = get(res, ns, name);
  const std::uint64_t want = meta::resource_version(obj);
  if (want != 0 && want != meta::resource_version(*old)) throw ApiError::conflict_modified(res.qualified(), name);
  return write_update(res, ns, std::move(obj), old, opts);
}

// An update through a version other than the storage one: `obj` (already checked
// against its own version's schema) is defaulted as that version, converted and
// written over the stored object; the result is read back in the version sent.
ObjectPtr ApiServer::write_converted(const VersionConversion& conv, const ResourceInfo& res, std::string_view ns,
                                     Json obj, const WriteOptions& opts, bool applied) {
  if (opts.subresource.empty()) strategy_for(res).apply_defaults(obj);
  ObjectPtr stored = get(*conv.storage, ns, meta::name(obj));
  return served(conv, write_update(*conv.storage, ns, conv.to_storage(obj), stored, opts, applied));
}

ObjectPtr ApiServer::write_update(const ResourceInfo& res, std::string_view ns, Json obj, const ObjectPtr& old,
                                  const WriteOptions& opts, bool applied) {
  if (const VersionConversion* conv = conversion_for(res))
    return write_converted(*conv, res, ns, std::move(obj), opts, applied);
  const std::string name = meta::name(*old);
  const KindStrategy& strategy = strategy_for(res);
  if (opts.subresource == "status") {
    // Only status changes through /status.
    Json next = *old;
    if (obj.contains("status")) next["status"] = obj["status"];
    else next.erase("status");
    // deploymentStatusStrategy resets only spec and labels: annotations sent with a
    // Deployment's status are kept. That is how the deployment controller writes
    // deployment.kubernetes.io/revision without bumping the generation.
    if (res.group == "apps" && res.plural == "deployments") {
      const Json& ann = field(obj, {"metadata", "annotations"});
      if (ann.is_object() && !ann.empty()) next["metadata"]["annotations"] = ann;
      else metadata_of(next).erase("annotations");
    }
    obj = std::move(next);
  } else if (opts.subresource == "finalize" && is_namespace(res)) {
    Json next = *old;
    next["spec"]["finalizers"] = field(obj, {"spec", "finalizers"}).is_array() ? obj["spec"]["finalizers"] : Json::array();
    obj = std::move(next);
  } else {
    if (res.has_subresource("status")) {
      if (old->contains("status")) obj["status"] = (*old)["status"];
      else obj.erase("status");
    }
    strategy.apply_defaults(obj);
  }
  keep_system_metadata(obj, *old);
  drop_empty_metadata(obj);
  if (!applied)
    track_update(obj, *old, opts.field_manager, res.api_version(), opts.subresource, now_rfc3339(),
                 res.has_subresource("status"), patch::builtin_strategy(res.api_version(), res.kind));
  if (obj.value("apiVersion", "").empty()) obj["apiVersion"] = res.api_version();
  if (obj.value("kind", "").empty()) obj["kind"] = res.kind;
  const bool main_resource = opts.subresource.empty() || opts.subresource == "scale";
  if (main_resource) strategy.prepare_for_update(obj, *old);

  AdmissionRequest req{Operation::Update, res, opts.subresource, std::string(ns), name, &obj, old.get(), opts.dry_run};
  for (auto& p : admission_) p->admit(req, *this);
  FieldErrors errs = strategy.validate_update(obj, *old);
  if (!errs.empty()) throw ApiError::invalid(res.qualified_kind(), name, errs);
  for (auto& p : admission_) p->validate(req, *this);

  if (res.tracks_generation && main_resource &&
      field(obj, {"spec"}) != field(*old, {"spec"})) {
    metadata_of(obj)["generation"] = meta::generation(*old) + 1;
  }
  // Unchanged objects are not written: no new resourceVersion, no watch event.
  metadata_of(obj)["resourceVersion"] = (*old)["metadata"]["resourceVersion"];
  if (obj == *old) return old;
  if (ready_to_erase(res, obj)) return finish_delete(res, make_object(std::move(obj)), opts.dry_run);
  if (opts.dry_run) return make_object(std::move(obj));
  set_member(metadata_of(obj), "resourceVersion", rv_string(store_->next_resource_version()));
  const std::string key = meta::key(obj);  // before obj is moved into the call
  return store_->put(res, key, std::move(obj));
}

ObjectPtr ApiServer::patch(const ResourceInfo& res, std::string_view ns_in, std::string_view name, PatchType type,
                           const Json& p, const WriteOptions& opts) {
  warnings_.clear();
  std::string ns(res.namespaced ? ns_in : "");
  ObjectPtr old = try_get(res, ns, name);
  if (!old) {
    if (type != PatchType::Apply) throw ApiError::not_found(res.qualified(), std::string(name));
    // Server-side apply creates what does not exist yet.
    ApplyRequest req{nullptr, p, opts.field_manager, res.api_version(), now_rfc3339(), opts.force,
                     res.has_subresource("status"), patch::builtin_strategy(res.api_version(), res.kind)};
    Json obj = server_side_apply(req);
    auto& m = metadata_of(obj);
    if (m.value("name", "").empty()) m["name"] = std::string(name);
    return create(res, ns, std::move(obj), opts);
  }
  Json patched;
  switch (type) {
    case PatchType::Merge:
      patch::check_merge_patch_body(p);  // kube rejects a non-object body first
      patched = patch::merge_patch(*old, p);
      break;
    case PatchType::Json: patched = patch::json_patch(*old, p); break;
    case PatchType::Strategic:
      patched = patch::strategic_merge(*old, p, patch::builtin_strategy(res.api_version(), res.kind));
      break;
    case PatchType::Apply: {
      ApplyRequest req{old.get(), p, opts.field_manager, res.api_version(), now_rfc3339(), opts.force,
                       res.has_subresource("status"), patch::builtin_strategy(res.api_version(), res.kind)};
      patched = server_side_apply(req);
      break;
    }
  }
  if (!patched.is_object()) throw ApiError::bad_request("the patch did not produce a JSON object");
  if (meta::name(patched) != name)
    throw ApiError::bad_request("the name of the object (" + meta::name(patched) +
                                ") does not match the name on the URL (" + std::string(name) + ")");
  const std::uint64_t want = meta::resource_version(patched);
  if (want != 0 && want != meta::resource_version(*old))
    throw ApiError::conflict_modified(res.qualified(), std::string(name));
  check_fields(res, patched, opts.validation, warnings_);
  return write_update(res, ns, std::move(patched), old, opts, type == PatchType::Apply);
}

// ---- 5. delete ----------------------------------------------------------------

ObjectPtr ApiServer::finish_delete(const ResourceInfo& res, const ObjectPtr& current, bool dry_run) {
  if (dry_run) return current;
  Json final_state = *current;
  metadata_of(final_state)["resourceVersion"] = rv_string(store_->next_resource_version());
  ObjectPtr out = make_object(final_state);
  store_->erase(res, meta::key(*current), std::move(final_state));
  return out;
}

ObjectPtr ApiServer::remove(const ResourceInfo& res, std::string_view ns_in, std::string_view name_in,
                            const DeleteOptions& opts) {
  if (const VersionConversion* conv = conversion_for(res)) return served(*conv, remove(*conv->storage, ns_in, name_in, opts));
  warnings_.clear();
  std::string ns(res.namespaced ? ns_in : "");
  std::string name(name_in);
  ObjectPtr current = get(res, ns, name);
  if (opts.precondition_uid && *opts.precondition_uid != meta::uid(*current))
    throw ApiError::conflict(res.qualified(), name,
                             "Precondition failed: UID in precondition: " + *opts.precondition_uid +
                                 ", UID in object meta: " + meta::uid(*current));
  if (opts.precondition_resource_version && *opts.precondition_resource_version != meta::resource_version(*current))
    throw ApiError::conflict(res.qualified(), name,
                             "Precondition failed: ResourceVersion in precondition: " +
                                 std::to_string(*opts.precondition_resource_version) +
                                 ", ResourceVersion in meta: " + std::to_string(meta::resource_version(*current)));

  AdmissionRequest req{Operation::Delete, res, "", ns, name, nullptr, current.get(), opts.dry_run};
  for (auto& p : admission_) p->validate(req, *this);

  Json obj = *current;
  bool changed = false;
  // Propagation policy becomes a finalizer that the garbage collector honours.
  if (opts.propagation == Propagation::Orphan && !has_finalizer(obj, "orphan")) {
    add_finalizer(obj, "orphan");
    changed = true;
  } else if (opts.propagation == Propagation::Foreground && !has_finalizer(obj, "foregroundDeletion")) {
    add_finalizer(obj, "foregroundDeletion");
    changed = true;
  }

  std::int64_t grace = 0;
  if (is_pod(res)) {
    const std::string phase = str_field(obj, {"status", "phase"});
    const bool bound = !str_field(obj, {"spec", "nodeName"}).empty();
    grace = opts.grace_period_seconds.value_or(int_field(obj, {"spec", "terminationGracePeriodSeconds"}, 30));
    if (!bound || phase == "Succeeded" || phase == "Failed") grace = 0;
    if (grace < 0) grace = 0;
  }

  auto& m = metadata_of(obj);
  if (is_namespace(res)) {
    if (!meta::being_deleted(obj)) {
      m["deletionTimestamp"] = now_rfc3339();
      m["deletionGracePeriodSeconds"] = 0;
      obj["status"]["phase"] = "Terminating";
      changed = true;
    }
  } else if (is_pod(res) && grace > 0) {
    // Graceful: the kubelet stops the containers and deletes with grace 0.
    const std::int64_t old_grace = int_field(obj, {"metadata", "deletionGracePeriodSeconds"}, -1);
    if (!meta::being_deleted(obj) || grace < old_grace) {
      m["deletionTimestamp"] = util::format_rfc3339(sim_.now() + sim::seconds(grace));
      m["deletionGracePeriodSeconds"] = grace;
      changed = true;
    }
  } else if (has_finalizers(obj)) {
    if (!meta::being_deleted(obj)) {
      m["deletionTimestamp"] = now_rfc3339();
      m["deletionGracePeriodSeconds"] = 0;
      changed = true;
    }
  } else {
    if (is_pod(res)) {
      m["deletionGracePeriodSeconds"] = 0;
      if (!meta::being_deleted(obj)) m["deletionTimestamp"] = now_rfc3339();
    }
    return finish_delete(res, make_object(std::move(obj)), opts.dry_run);
  }
  if (is_pod(res) && grace == 0 && !has_finalizers(obj)) {
    m["deletionGracePeriodSeconds"] = 0;
    return finish_delete(res, make_object(std::move(obj)), opts.dry_run);
  }
  if (!changed || opts.dry_run) return opts.dry_run ? make_object(std::move(obj)) : current;
  set_member(m, "resourceVersion", rv_string(store_->next_resource_version()));
  const std::string key = meta::key(obj);  // before obj is moved into the call
  return store_->put(res, key, std::move(obj));
}

// ---- 6. pods/binding ---------------------------------------------------------------

ObjectPtr ApiServer::bind_pod(std::string_view ns, std::string_view name, const std::string& node,
                              const WriteOptions& opts) {
  warnings_.clear();
  const ResourceInfo& pods = resource("", "pods");
  ObjectPtr old = get(pods, ns, name);
  const std::string pod_name(name);
  if (meta::being_deleted(*old))
    throw ApiError::conflict("pods/binding", pod_name, "pod " + pod_name + " is being deleted, cannot be assigned to a host");
  const std::string current = str_field(*old, {"spec", "nodeName"});
  if (!current.empty())
    throw ApiError::conflict("pods/binding", pod_name,
                             "pod " + pod_name + " is already assigned to node \"" + current + "\"");
  Json obj = *old;
  obj["spec"]["nodeName"] = node;
  Json& conds = obj["status"]["conditions"];
  if (!conds.is_array()) conds = Json::array();
  Json scheduled = {{"type", "PodScheduled"}, {"status", "True"}, {"lastProbeTime", nullptr},
                    {"lastTransitionTime", now_rfc3339()}};
  bool replaced = false;
  for (auto& c : conds)
    if (c.value("type", "") == "PodScheduled") {
      c = scheduled;
      replaced = true;
    }
  if (!replaced) conds.push_back(scheduled);
  if (opts.dry_run) return make_object(std::move(obj));
  set_member(metadata_of(obj), "resourceVersion", rv_string(store_->next_resource_version()));
  const std::string key = meta::key(obj);
  return store_->put(pods, key, std::move(obj));
}

// ---- 7. scale subresource ---------------------------------------------------------

namespace {
Json scale_of(const ResourceInfo& res, const Json& obj) {
  Json s = {{"kind", "Scale"}, {"apiVersion", "autoscaling/v1"}};
  auto& m = s["metadata"];
  for (const char* k : {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"})
    if (obj["metadata"].contains(k)) m[k] = obj["metadata"][k];
  s["spec"]["replicas"] = int_field(obj, {"spec", "replicas"}, 1);
  s["status"]["replicas"] = int_field(obj, {"status", "replicas"}, 0);
  const Json& sel = field(obj, {"spec", "selector"});
  if (res.kind == "ReplicationController") s["status"]["selector"] = selector_string_from_map(sel);
  else if (sel.is_object()) s["status"]["selector"] = selector_string(sel);
  return s;
}
}  // namespace

Json ApiServer::get_scale(const ResourceInfo& res, std::string_view ns, std::string_view name) const {
  if (!res.has_subresource("scale")) throw ApiError::not_found(res.qualified(), std::string(name));
  return scale_of(res, *get(res, ns, name));
}

Json ApiServer::update_scale(const ResourceInfo& res, std::string_view ns, std::string_view name,
                             std::int64_t replicas, const WriteOptions& opts) {
  warnings_.clear();
  if (!res.has_subresource("scale")) throw ApiError::not_found(res.qualified(), std::string(name));
  ObjectPtr old = get(res, ns, name);
  Json obj = *old;
  obj["spec"]["replicas"] = replicas;
  WriteOptions o = opts;
  o.subresource = "scale";
  ObjectPtr out = write_update(res, ns, std::move(obj), old, o);
  return scale_of(res, *out);
}

}  // namespace kt::api
