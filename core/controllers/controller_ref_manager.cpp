#include "core/controllers/controller_ref_manager.h"

namespace kt::controllers {

using api::ObjectPtr;

Json new_controller_ref(const Json& owner) {
  return {{"apiVersion", owner.value("apiVersion", "")}, {"kind", owner.value("kind", "")},
          {"name", api::meta::name(owner)}, {"uid", api::meta::uid(owner)},
          {"controller", true}, {"blockOwnerDeletion", true}};
}

ControllerRefManager::ControllerRefManager(api::ApiServer& api, const ObjectPtr& controller,
                                           const api::ResourceInfo& owner_res, const api::ResourceInfo& child_res,
                                           api::LabelSelector selector)
    : api_(api), controller_(controller), owner_res_(owner_res), child_res_(child_res),
      selector_(std::move(selector)) {}

ClaimResult ControllerRefManager::claim(const std::vector<ObjectPtr>& candidates) {
  ClaimResult out;
  const std::string uid = api::meta::uid(*controller_);
  const bool controller_deleting = api::meta::being_deleted(*controller_);
  auto note = [&](std::string err) {
    if (!err.empty()) out.error += (out.error.empty() ? "" : ", ") + err;
  };
  for (const auto& child : candidates) {
    const bool matches = selector_.matches(api::meta::labels(*child));
    if (const Json* ref = api::meta::controller_ref(*child)) {
      if (ref->value("uid", "") != uid) continue;
      if (matches) {
        out.claimed.push_back(child);
        continue;
      }
      // Owned but no longer selected: release, unless either side is going away.
      if (controller_deleting || api::meta::being_deleted(*child)) continue;
      note(release(*child));
      continue;
    }
    if (controller_deleting || !matches || api::meta::being_deleted(*child)) continue;
    std::string err = adopt(*child);
    if (err.empty()) {
      // The adopted object as claimed; the informer delivers the patched version.
      out.claimed.push_back(child);
    } else if (err != "NotFound") {
      note(err);
    }
  }
  return out;
}

std::string ControllerRefManager::can_adopt() {
  if (adopt_checked_) return adopt_error_;
  adopt_checked_ = true;
  const std::string ns = api::meta::namespace_of(*controller_);
  const std::string name = api::meta::name(*controller_);
  ObjectPtr fresh = api_.try_get(owner_res_, ns, name);
  if (!fresh) {
    adopt_error_ = owner_res_.kind + " " + ns + "/" + name + " has just been deleted";
  } else if (api::meta::uid(*fresh) != api::meta::uid(*controller_)) {
    adopt_error_ = "original " + owner_res_.kind + " " + ns + "/" + name + " is gone: got uid " +
                   api::meta::uid(*fresh) + ", wanted " + api::meta::uid(*controller_);
  } else if (api::meta::being_deleted(*fresh)) {
    adopt_error_ = owner_res_.kind + " " + ns + "/" + name + " has just been deleted at " +
                   api::str_field(*fresh, {"metadata", "deletionTimestamp"});
  }
  return adopt_error_;
}

std::string ControllerRefManager::adopt(const Json& child) {
  if (std::string err = can_adopt(); !err.empty())
    return "can't adopt " + child_res_.kind + " " + api::meta::key(child) + ": " + err;
  Json refs = Json::array();
  refs.push_back(new_controller_ref(*controller_));
  Json patch = {{"metadata", {{"ownerReferences", refs}, {"uid", api::meta::uid(child)}}}};
  try {
    api_.patch(child_res_, api::meta::namespace_of(child), api::meta::name(child), api::PatchType::Strategic, patch);
  } catch (const api::ApiError& e) {
    return e.code() == 404 ? "NotFound" : e.message();
  }
  return "";
}

std::string ControllerRefManager::release(const Json& child) {
  Json del = {{"$patch", "delete"}, {"uid", api::meta::uid(*controller_)}};
  Json refs = Json::array();
  refs.push_back(std::move(del));
  Json patch = {{"metadata", {{"ownerReferences", refs}, {"uid", api::meta::uid(child)}}}};
  try {
    api_.patch(child_res_, api::meta::namespace_of(child), api::meta::name(child), api::PatchType::Strategic, patch);
  } catch (const api::ApiError& e) {
    // Gone, or invalid after the change (e.g. being deleted): nothing left to release.
    if (e.code() == 404 || e.code() == 422) return "";
    return e.message();
  }
  return "";
}

}  // namespace kt::controllers
