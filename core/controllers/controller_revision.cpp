#include "core/controllers/controller_revision.h"

#include <algorithm>

#include "core/controllers/controller_ref_manager.h"

namespace kt::controllers {

std::string ensure_controller_revision(api::ApiServer& api, const Json& owner, const std::string& name,
                                       const std::string& hash_label) {
  const auto& revisions = api.resource("apps", "controllerrevisions");
  const std::string ns = api::meta::namespace_of(owner);
  std::int64_t max_revision = 0;
  api::ObjectPtr mine;
  for (const auto& cr : api.list(revisions, ns).items) {
    const Json* ref = api::meta::controller_ref(*cr);
    if (!ref || ref->value("uid", "") != api::meta::uid(owner)) continue;
    max_revision = std::max<std::int64_t>(max_revision, cr->value("revision", std::int64_t{0}));
    if (api::meta::name(*cr) == name) mine = cr;
  }
  try {
    if (!mine) {
      const Json& tmpl = api::field(owner, {"spec", "template"});
      Json data_tmpl = tmpl;
      data_tmpl["$patch"] = "replace";
      Json labels = api::field(tmpl, {"metadata", "labels"}).is_object() ? api::field(tmpl, {"metadata", "labels"})
                                                                         : Json::object();
      labels["controller-revision-hash"] = hash_label;
      Json meta = Json::object();
      meta["name"] = name;
      meta["labels"] = labels;
      // Both controllers copy the owner's annotations (so its change-cause shows in
      // `rollout history`); a revision that is reused later keeps the ones it got.
      const Json& annotations = api::field(owner, {"metadata", "annotations"});
      if (annotations.is_object() && !annotations.empty()) meta["annotations"] = annotations;
      meta["ownerReferences"] = Json::array({new_controller_ref(owner)});
      Json data = Json::object();
      data["spec"]["template"] = data_tmpl;
      Json cr = {{"apiVersion", "apps/v1"}, {"kind", "ControllerRevision"}, {"revision", max_revision + 1}};
      cr["metadata"] = std::move(meta);
      cr["data"] = std::move(data);
      api.create(revisions, ns, std::move(cr));
    } else if (mine->value("revision", std::int64_t{0}) < max_revision) {
      Json cr = *mine;
      cr["revision"] = max_revision + 1;
      api.update(revisions, ns, std::move(cr));
    }
  } catch (const api::ApiError& e) {
    if (e.code() != 409) return e.message();
  }
  return "";
}

}  // namespace kt::controllers
