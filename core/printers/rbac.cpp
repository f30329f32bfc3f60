// rbac.authorization.k8s.io/v1: rolebindings and clusterrolebindings
// (printRoleBinding, printClusterRoleBinding). Roles and ClusterRoles have no
// printer in kube: they get the default Name / Created At table.
#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

Row binding_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& b = *obj;
  std::vector<std::string> users, groups, sas;
  if (const Json& subjects = field(b, {"subjects"}); subjects.is_array()) {
    for (const auto& s : subjects) {
      const std::string kind = str_field(s, {"kind"});
      if (kind == "ServiceAccount") sas.push_back(str_field(s, {"namespace"}) + "/" + str_field(s, {"name"}));
      else if (kind == "User") users.push_back(str_field(s, {"name"}));
      else if (kind == "Group") groups.push_back(str_field(s, {"name"}));
    }
  }
  return make_row(obj, {api::meta::name(b), str_field(b, {"roleRef", "kind"}) + "/" + str_field(b, {"roleRef", "name"}),
                        age(b, now), join(users, ", "), join(groups, ", "), join(sas, ", ")});
}

std::vector<Column> binding_columns(const std::string& what) {
  return {name_column(),
          col("Role", "string", 0,
              "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If "
              "the RoleRef cannot be resolved, the Authorizer must return an error."),
          age_column(),
          col("Users", "string", 1, "Users in the " + what),
          col("Groups", "string", 1, "Groups in the " + what),
          col("ServiceAccounts", "string", 1, "ServiceAccounts in the " + what)};
}

}  // namespace

void register_rbac_printers() {
  add_printer("rbac.authorization.k8s.io", "rolebindings", {binding_columns("roleBinding"), binding_row});
  add_printer("rbac.authorization.k8s.io", "clusterrolebindings", {binding_columns("clusterRoleBinding"), binding_row});
}

}  // namespace kt::printers
