// `kubectl diff -f FILE` as kubectl v1.32 runs it (staging/src/k8s.io/kubectl/pkg/cmd/
// diff/diff.go): for each object, the live one (GET) goes to a LIVE-… temp directory
// and the one the server would store goes to a MERGED-… directory (a dry-run create
// for a missing object, else a dry-run of apply's three-way strategic merge patch, or
// of a server-side apply with --server-side), as YAML without managedFields and with
// Secret data masked; then `diff -u -N LIVE MERGED` runs on the host (or
// $KUBECTL_EXTERNAL_DIFF; through CommandContext::launch_editor, the host's way of
// running a program for kubectl) and its exit status is kubectl's: 0 same, 1 different. Other
// errors exit 2. The temp directories get their digits from the simulated clock (the
// real ones are random).
#include <cctype>

#include "core/api/patch.h"
#include "core/api/yaml.h"
#include "core/kubectl/command.h"
#include "core/kubectl/extra_commands.h"
#include "core/kubectl/last_applied.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult diff_fail(std::string text) { return {std::move(text), 2}; }

// "apps.v1.Deployment.default.web": the file name of one object in both directories.
std::string object_file(const api::ResourceInfo& res, const std::string& ns, const std::string& name) {
  return (res.group.empty() ? "" : res.group + ".") + res.version + "." + res.kind + "." + ns + "." + name;
}

// Masker: Secret values become "***", with a (before)/(after) suffix where both
// sides hold the key with different values.
void mask_secret(Json* from, Json* to) {
  auto data = [](Json* o) -> Json* {
    return o && o->is_object() && o->contains("data") && (*o)["data"].is_object() ? &(*o)["data"] : nullptr;
  };
  Json* f = data(from);
  Json* t = data(to);
  if (f)
    for (auto& [k, v] : f->items()) {
      if (t && t->contains(k)) {
        if ((*t)[k] != v) {
          v = "*** (before)";
          (*t)[k] = "*** (after)";
          continue;
        }
        (*t)[k] = "***";
      }
      v = "***";
    }
  if (t)
    for (auto& [k, v] : t->items())
      if (!f || !f->contains(k)) v = "***";
}

// A fresh directory under /tmp named PREFIX-digits.
std::string temp_dir(Invocation& inv, const std::string& prefix) {
  term::FileSystem* fs = inv.ctx.fs;
  std::uint64_t n = static_cast<std::uint64_t>(inv.sb.sim().now().us) % 1000000000ULL;
  std::string dir;
  do dir = "/tmp/" + prefix + "-" + std::to_string(n++);
  while (fs->exists(dir));
  fs->mkdir(dir, true);
  return dir;
}

CommandResult run_diff(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  const auto files = a.list("filename");
  if (a.has("kustomize") && files.empty())
    return diff_fail("error: kubectl diff -k is not available in this sandbox yet\n");
  if (files.empty()) return diff_fail("error: must specify one of -f and -k\n");
  const bool server_side = a.flag("server-side");
  if (a.flag("force-conflicts") && !server_side) return diff_fail("error: --force-conflicts only works with --server-side\n");
  if (!inv.ctx.fs || !inv.ctx.launch_editor)
    return diff_fail("error: kubectl diff needs a host with a diff program\n");

  Manifests m = read_manifests(inv.ctx, files, a.flag("recursive"));
  if (!m.error.empty()) return diff_fail(m.error);
  auto& api = inv.sb.api();
  api::WriteOptions opts;
  opts.dry_run = true;
  opts.field_manager = a.str("field-manager", server_side ? "kubectl" : "kubectl-client-side-apply");
  opts.force = a.flag("force-conflicts");
  const bool managed = a.flag("show-managed-fields");

  struct Pair {
    std::string file;
    Json live, merged;  // null: no object (the live side of a new one)
  };
  std::vector<Pair> pairs;
  for (const auto& item : m.items) {
    WriteTarget t = write_target(inv, item.object, item.source);
    if (!t.error.empty()) return diff_fail(t.error);
    Json obj = item.object;
    if (t.res->namespaced) obj["metadata"]["namespace"] = t.ns;
    Pair p{object_file(*t.res, t.ns, t.name), Json(), Json()};
    try {
      api::ObjectPtr live = api.try_get(*t.res, t.ns, t.name);
      if (live) p.live = *live;
      if (server_side) {
        p.merged = *api.patch(*t.res, t.ns, t.name, api::PatchType::Apply, obj, opts);
      } else if (!live) {
        p.merged = *api.create(*t.res, t.ns, obj, opts);
      } else {
        const Json patch = api::patch::create_three_way_merge_patch(
            last_applied(*live), modified_configuration(obj), *live, api::patch::builtin_strategy(t.res->api_version(), t.res->kind));
        p.merged = patch.empty() ? *live : *api.patch(*t.res, t.ns, t.name, api::PatchType::Strategic, patch, opts);
      }
    } catch (const api::ApiError& e) {
      return diff_fail(server_error(e));
    }
    if (!managed) {
      if (!p.live.is_null()) p.live = for_output(p.live);
      p.merged = for_output(p.merged);
    }
    if (t.res->group.empty() && t.res->kind == "Secret") mask_secret(p.live.is_null() ? nullptr : &p.live, &p.merged);
    pairs.push_back(std::move(p));
  }

  term::FileSystem& fs = *inv.ctx.fs;
  const std::string live_dir = temp_dir(inv, "LIVE"), merged_dir = temp_dir(inv, "MERGED");
  for (const auto& p : pairs) {
    fs.write(live_dir + "/" + p.file, p.live.is_null() ? "" : api::to_yaml(p.live), false);
    fs.write(merged_dir + "/" + p.file, api::to_yaml(p.merged), false);
  }
  // diff -u -N, or $KUBECTL_EXTERNAL_DIFF split on spaces (arguments other than
  // letters, digits, '-' and '=' are dropped, as kubectl does with a warning). The
  // host runs it as it runs an editor: a program with its arguments, the last one
  // handed over apart.
  std::vector<std::string> argv;
  auto env = inv.ctx.env.find("KUBECTL_EXTERNAL_DIFF");
  if (env != inv.ctx.env.end() && !env->second.empty()) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= env->second.size()) {
      const auto sp = env->second.find(' ', start);
      words.push_back(env->second.substr(start, sp == std::string::npos ? std::string::npos : sp - start));
      if (sp == std::string::npos) break;
      start = sp + 1;
    }
    argv.push_back(words[0]);
    argv.push_back(live_dir);
    argv.push_back(merged_dir);
    for (std::size_t i = 1; i < words.size(); ++i) {
      bool ok = !words[i].empty();
      for (char c : words[i]) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '=');
      if (ok) argv.push_back(words[i]);
    }
  } else {
    argv = {"diff", "-u", "-N", live_dir, merged_dir};
  }
  const std::string last = argv.back();
  argv.pop_back();
  const term::EditorOutcome r = inv.ctx.launch_editor(argv, false, last);
  fs.remove(live_dir, true);
  fs.remove(merged_dir, true);
  if (r.status == term::EditorOutcome::Status::NotFound)
    return diff_fail("error: failed to run \"" + argv[0] + "\": exec: \"" + argv[0] +
                     "\": executable file not found in $PATH\n");
  return {r.output, r.exit_code};
}

}  // namespace

Command diff_command() {
  std::vector<FlagSpec> f = filename_flags();
  f.insert(f.end(), {{"server-side", 0, K::Bool, "false"},
                     {"force-conflicts", 0, K::Bool, "false"},
                     {"field-manager", 0, K::String, "kubectl-client-side-apply"},
                     {"selector", 'l', K::String, ""},
                     {"prune", 0, K::Bool, "false"},
                     {"prune-allowlist", 0, K::StringArray, "[]"},
                     {"show-managed-fields", 0, K::Bool, "false"},
                     {"concurrency", 0, K::Int, "1"}});
  return {"diff", f, run_diff, {}, {"selector", "prune", "prune-allowlist"}};
}

}  // namespace kt::kubectl
