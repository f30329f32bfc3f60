#include "core/controllers/pv_binder.h"

#include <algorithm>

#include "core/api/kinds/quantity_ops.h"
#include "core/api/labels.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

const std::string kClaimPrefix = "claim:";
const std::string kVolumePrefix = "volume:";

std::string class_of(const Json& obj) { return api::str_field(obj, {"spec", "storageClassName"}); }

bool has_all_modes(const Json& volume, const Json& claim) {
  const Json& have = api::field(volume, {"spec", "accessModes"});
  const Json& want = api::field(claim, {"spec", "accessModes"});
  if (!want.is_array()) return true;
  for (const auto& m : want) {
    if (!have.is_array() || std::find(have.begin(), have.end(), m) == have.end()) return false;
  }
  return true;
}

bool claim_ref_is(const Json& volume, const Json& claim) {
  const Json& ref = api::field(volume, {"spec", "claimRef"});
  if (!ref.is_object()) return false;
  if (ref.value("name", "") != api::meta::name(claim) || ref.value("namespace", "") != api::meta::namespace_of(claim))
    return false;
  const std::string uid = ref.value("uid", std::string());
  return uid.empty() || uid == api::meta::uid(claim);
}

// Pods that mount a claim: their volumes' persistentVolumeClaim.claimName.
bool pod_uses_claim(const Json& pod, const std::string& ns, const std::string& claim) {
  if (api::meta::namespace_of(pod) != ns) return false;
  const Json& vols = api::field(pod, {"spec", "volumes"});
  if (!vols.is_array()) return false;
  for (const auto& v : vols)
    if (api::str_field(v, {"persistentVolumeClaim", "claimName"}) == claim) return true;
  return false;
}

}  // namespace

PersistentVolumeBinder::PersistentVolumeBinder(api::ApiServer& api, client::SharedInformerFactory& factory,
                                               Options opts)
    : client::Controller(api.sim(), client::Controller::Options{"persistentvolume-binder-controller", 1, {}, nullptr}),
      api_(api), opts_(opts), claims_(factory.informer("", "persistentvolumeclaims")),
      volumes_(factory.informer("", "persistentvolumes")), classes_(factory.informer("storage.k8s.io", "storageclasses")),
      pods_(factory.informer("", "pods")), recorder_(api, "persistentvolume-controller") {
  client::ResourceEventHandler ch;
  ch.on_add = [this](const ObjectPtr& c) { enqueue_key(kClaimPrefix + api::meta::key(*c)); };
  ch.on_update = [this](const ObjectPtr&, const ObjectPtr& c) { enqueue_key(kClaimPrefix + api::meta::key(*c)); };
  ch.on_delete = [this](const ObjectPtr& c) {
    const std::string vol = api::str_field(*c, {"spec", "volumeName"});
    if (!vol.empty()) enqueue_key(kVolumePrefix + vol);
  };
  claim_handler_ = claims_.add_handler(std::move(ch));
  client::ResourceEventHandler vh;
  auto volume_changed = [this](const ObjectPtr& v) {
    enqueue_key(kVolumePrefix + api::meta::name(*v));
    // A new or freed volume may fit a waiting claim.
    for (const auto& c : claims_.list())
      if (api::str_field(*c, {"status", "phase"}) != "Bound") enqueue_key(kClaimPrefix + api::meta::key(*c));
  };
  vh.on_add = volume_changed;
  vh.on_update = [volume_changed](const ObjectPtr&, const ObjectPtr& v) { volume_changed(v); };
  volume_handler_ = volumes_.add_handler(std::move(vh));
  client::ResourceEventHandler ph;
  ph.on_add = [this](const ObjectPtr& p) {
    const Json& vols = api::field(*p, {"spec", "volumes"});
    if (!vols.is_array()) return;
    for (const auto& v : vols) {
      const std::string claim = api::str_field(v, {"persistentVolumeClaim", "claimName"});
      if (!claim.empty()) enqueue_key(kClaimPrefix + api::meta::namespace_of(*p) + "/" + claim);
    }
  };
  pod_handler_ = pods_.add_handler(std::move(ph));
}

PersistentVolumeBinder::~PersistentVolumeBinder() {
  claims_.remove_handler(claim_handler_);
  volumes_.remove_handler(volume_handler_);
  pods_.remove_handler(pod_handler_);
}

void PersistentVolumeBinder::start() {
  client::Controller::start();
  timer_ = api_.sim().schedule(opts_.resync, [w = life_.weak(), this] {
    if (!w.expired()) resync();
  });
}

void PersistentVolumeBinder::stop() {
  api_.sim().cancel(timer_);
  client::Controller::stop();
}

void PersistentVolumeBinder::resync() {
  for (const auto& c : claims_.list())
    if (api::str_field(*c, {"status", "phase"}) != "Bound") enqueue_key(kClaimPrefix + api::meta::key(*c));
  for (const auto& v : volumes_.list()) enqueue_key(kVolumePrefix + api::meta::name(*v));
  timer_ = api_.sim().schedule(opts_.resync, [w = life_.weak(), this] {
    if (!w.expired()) resync();
  });
}

SyncResult PersistentVolumeBinder::sync(const std::string& key) {
  if (key.rfind(kClaimPrefix, 0) == 0) return sync_claim(key.substr(kClaimPrefix.size()));
  if (key.rfind(kVolumePrefix, 0) == 0) return sync_volume(key.substr(kVolumePrefix.size()));
  return SyncResult::ok();
}

ObjectPtr PersistentVolumeBinder::find_volume(const Json& claim) const {
  const std::string cls = class_of(claim);
  const Json& request = api::field(claim, {"spec", "resources", "requests", "storage"});
  const std::string mode = api::str_field(claim, {"spec", "volumeMode"}, "Filesystem");
  api::LabelSelector selector;
  if (const Json& sel = api::field(claim, {"spec", "selector"}); !sel.is_null()) {
    try {
      selector = api::LabelSelector::from_json(sel);
    } catch (const std::exception&) {
      return nullptr;
    }
  }
  const std::string wanted_name = api::str_field(claim, {"spec", "volumeName"});
  ObjectPtr best;
  for (const auto& v : volumes_.list()) {
    if (api::meta::being_deleted(*v)) continue;
    if (!wanted_name.empty() && api::meta::name(*v) != wanted_name) continue;
    const bool prebound = claim_ref_is(*v, claim);
    const Json& ref = api::field(*v, {"spec", "claimRef"});
    if (ref.is_object() && !prebound) continue;
    const std::string phase = api::str_field(*v, {"status", "phase"});
    if (!prebound && phase != "Available") continue;
    if (class_of(*v) != cls) continue;
    if (!has_all_modes(*v, claim)) continue;
    if (api::str_field(*v, {"spec", "volumeMode"}, "Filesystem") != mode) continue;
    const Json& capacity = api::field(*v, {"spec", "capacity", "storage"});
    if (!request.is_null() && api::kinds::quantity_cmp(capacity, request).value_or(-1) < 0) continue;
    if (!prebound && !selector.matches(api::meta::labels(*v))) continue;
    if (prebound) return v;
    if (!best ||
        api::kinds::quantity_cmp(capacity, api::field(*best, {"spec", "capacity", "storage"})).value_or(0) < 0)
      best = v;
  }
  return best;
}

void PersistentVolumeBinder::bind(const ObjectPtr& claim, const ObjectPtr& volume) {
  const auto& pvs = api_.resource("", "persistentvolumes");
  const auto& pvcs = api_.resource("", "persistentvolumeclaims");
  const std::string ns = api::meta::namespace_of(*claim);
  api::WriteOptions status;
  status.subresource = "status";

  Json v = *volume;
  if (!api::field(v, {"spec", "claimRef"}).is_object())
    v["metadata"]["annotations"]["pv.kubernetes.io/bound-by-controller"] = "yes";
  v["spec"]["claimRef"] = {{"apiVersion", "v1"},
                           {"kind", "PersistentVolumeClaim"},
                           {"name", api::meta::name(*claim)},
                           {"namespace", ns},
                           {"resourceVersion", api::str_field(*claim, {"metadata", "resourceVersion"})},
                           {"uid", api::meta::uid(*claim)}};
  ObjectPtr stored = api_.update(pvs, "", std::move(v));
  Json vs = *stored;
  vs["status"]["phase"] = "Bound";
  stored = api_.update(pvs, "", std::move(vs), status);

  Json c = *claim;
  c["spec"]["volumeName"] = api::meta::name(*stored);
  c["metadata"]["annotations"]["pv.kubernetes.io/bind-completed"] = "yes";
  c["metadata"]["annotations"]["pv.kubernetes.io/bound-by-controller"] = "yes";
  ObjectPtr claimed = api_.update(pvcs, ns, std::move(c));
  Json cs = *claimed;
  cs["status"]["phase"] = "Bound";
  cs["status"]["accessModes"] = api::field(*stored, {"spec", "accessModes"});
  cs["status"]["capacity"] = api::field(*stored, {"spec", "capacity"});
  api_.update(pvcs, ns, std::move(cs), status);
}

SyncResult PersistentVolumeBinder::sync_claim(const std::string& key) {
  ObjectPtr claim = claims_.get(key);
  if (!claim || api::meta::being_deleted(*claim)) return SyncResult::ok();
  if (api::str_field(*claim, {"status", "phase"}) == "Bound") return SyncResult::ok();
  if (ObjectPtr volume = find_volume(*claim)) {
    bind(claim, volume);
    return SyncResult::ok();
  }
  const std::string cls = class_of(*claim);
  if (cls.empty()) {
    recorder_.event(*claim, client::EventType::Normal, "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set");
    return SyncResult::ok();
  }
  ObjectPtr sc = classes_.get(cls);
  if (!sc) {
    recorder_.event(*claim, client::EventType::Warning, "ProvisioningFailed",
                    "storageclass.storage.k8s.io \"" + cls + "\" not found");
    return SyncResult::ok();
  }
  const std::string provisioner = sc->value("provisioner", std::string());
  if (provisioner.empty() || provisioner == "kubernetes.io/no-provisioner") {
    recorder_.event(*claim, client::EventType::Normal, "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding");
    return SyncResult::ok();
  }
  if (sc->value("volumeBindingMode", std::string("Immediate")) == "WaitForFirstConsumer") {
    bool used = false;
    for (const auto& p : pods_.list())
      if (pod_uses_claim(*p, api::meta::namespace_of(*claim), api::meta::name(*claim))) used = true;
    if (!used) {
      recorder_.event(*claim, client::EventType::Normal, "WaitForFirstConsumer",
                      "waiting for first consumer to be created before binding");
      return SyncResult::ok();
    }
  }
  if (api::str_field(*claim, {"metadata", "annotations", "volume.kubernetes.io/storage-provisioner"}) != provisioner) {
    Json c = *claim;
    c["metadata"]["annotations"]["volume.beta.kubernetes.io/storage-provisioner"] = provisioner;
    c["metadata"]["annotations"]["volume.kubernetes.io/storage-provisioner"] = provisioner;
    const std::string ns = api::meta::namespace_of(*claim);
    api_.update(api_.resource("", "persistentvolumeclaims"), ns, std::move(c));
  }
  recorder_.event(*claim, client::EventType::Normal, "ExternalProvisioning",
                  "Waiting for a volume to be created either by the external provisioner '" + provisioner +
                      "' or manually by the system administrator. If volume creation is delayed, please verify that "
                      "the provisioner is running and correctly registered.");
  return SyncResult::ok();
}

SyncResult PersistentVolumeBinder::sync_volume(const std::string& name) {
  ObjectPtr volume = volumes_.get(name);
  if (!volume || api::meta::being_deleted(*volume)) return SyncResult::ok();
  const auto& pvs = api_.resource("", "persistentvolumes");
  const std::string phase = api::str_field(*volume, {"status", "phase"});
  const Json& ref = api::field(*volume, {"spec", "claimRef"});
  auto set_phase = [&](const char* p) {
    Json v = *volume;
    v["status"]["phase"] = p;
    api::WriteOptions status;
    status.subresource = "status";
    api_.update(pvs, "", std::move(v), status);
  };
  if (!ref.is_object()) {
    if (phase != "Available") set_phase("Available");
    return SyncResult::ok();
  }
  ObjectPtr claim = claims_.get(ref.value("namespace", std::string()), ref.value("name", std::string()));
  const std::string uid = ref.value("uid", std::string());
  if (claim && (uid.empty() || api::meta::uid(*claim) == uid)) {
    if (uid.empty() && phase != "Available") set_phase("Available");  // pre-bound, waiting for its claim
    return SyncResult::ok();
  }
  if (uid.empty()) {
    if (phase != "Available") set_phase("Available");
    return SyncResult::ok();
  }
  // The claim is gone: Released, then the reclaim policy.
  if (phase != "Released" && phase != "Failed") {
    set_phase("Released");
    return SyncResult::ok();
  }
  if (phase == "Released" && api::str_field(*volume, {"spec", "persistentVolumeReclaimPolicy"}) == "Delete") {
    try {
      api_.remove(pvs, "", name);
    } catch (const api::ApiError& e) {
      if (e.code() != 404) return SyncResult::retry(e.message());
    }
  }
  return SyncResult::ok();
}

}  // namespace kt::controllers
