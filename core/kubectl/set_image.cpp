// `kubectl set image (-f FILE | TYPE NAME) CONTAINER=IMAGE ...` as kubectl v1.32 does
// it (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go): every container (and init
// container) of that name, or all of them for `*`, gets the image; --record stores the
// command line as kubernetes.io/change-cause (with its deprecation warning);
// "deployment.apps/x image updated". Several objects, -l, --all, -f, --local, -o and
// --dry-run: workload_edit.h.
#include <utility>

#include "core/kubectl/workload_edit.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

constexpr const char* kChangeCause = "kubernetes.io/change-cause";

struct ImageArgs {
  std::vector<std::string> resources;
  std::vector<std::pair<std::string, std::string>> images;  // container, image
  std::string error;
};

// cmdutil.GetResourcesAndPairs, then ParsePairs(…, "image", false).
ImageArgs split_image_args(const std::vector<std::string>& args) {
  ImageArgs r;
  bool pairs = false;
  std::string invalid;
  for (const auto& s : args) {
    const bool pair = (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
    if (!pair && pairs) {
      r.error = "error: all resources must be specified before image changes: " + s + "\n";
      return r;
    }
    if (!pair) {
      r.resources.push_back(s);
      continue;
    }
    pairs = true;
    const auto eq = s.find('=');
    if (eq == std::string::npos) invalid += s;
    else r.images.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  if (!invalid.empty()) r.error = "error: invalid image format: \"" + invalid + "\"\n";
  return r;
}

// setImage on one list: whether a container of that name (or any, for "*") was there.
bool set_image_in(Json& spec, const char* list, const std::string& name, const std::string& image) {
  if (!spec.contains(list) || !spec[list].is_array()) return false;
  bool found = false;
  for (auto& c : spec[list])
    if (name == "*" || c.value("name", std::string()) == name) {
      c["image"] = image;
      found = true;
    }
  return found;
}

CommandResult set_image(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  const std::string warn =
      a.has("record") ? "Flag --record has been deprecated, --record will be removed in the future\n" : "";
  // Complete: the printer, the arguments, the objects.
  std::string e = check_set_output(inv);
  if (!e.empty()) return fail(warn + e);
  ImageArgs args = split_image_args(a.positional);
  if (!args.error.empty()) return fail(warn + args.error);
  Workloads found = find_workloads(inv, args.resources, LocalArgs::Rejected);
  if (!found.failure().empty()) return fail(warn + found.failure());
  // Validate: every complaint at once.
  ErrorList invalid;
  if (a.flag("all") && !a.str("selector").empty()) invalid.add("cannot set --all and --selector at the same time");
  if (args.resources.empty() && a.list("filename").empty())
    invalid.add("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  bool wildcard = false;
  for (const auto& [name, image] : args.images) wildcard = wildcard || name == "*";
  if (args.images.empty()) invalid.add("at least one image update is required");
  else if (args.images.size() > 1 && wildcard)
    invalid.add("all containers are already specified by *, but saw more than one container_name=container_image pairs");
  e = local_server_error(inv);
  if (!e.empty()) invalid.add(e.substr(7, e.size() - 8));
  if (!invalid.empty()) return fail(warn + invalid.text());

  ErrorList errs;
  const std::vector<Edit> edits = edit_pod_templates(found, [&](Edit& edit, Json& spec) {
    for (const auto& [name, image] : args.images) {
      const bool init = set_image_in(spec, "initContainers", name, image);
      const bool regular = set_image_in(spec, "containers", name, image);
      if (!init && !regular) errs.add("error: unable to find container named \"" + name + "\"");
    }
    if (a.flag("record")) edit.after["metadata"]["annotations"][kChangeCause] = record_cause(inv);
  });
  return write_edits(inv, edits, {"image updated", "failed to patch image update to pod template: "}, std::move(errs),
                     warn);
}

}  // namespace

Command set_image_command() {
  return {"image", set_common_flags({{"record", 0, K::Bool, "false"}}), set_image,
          {}, set_unsupported_flags()};
}

}  // namespace kt::kubectl
