// `kubectl cp <file-spec-src> <file-spec-dest> [-c CONTAINER]`: one side is a local
// path on the host kubectl runs on, the other `[NAMESPACE/]POD:PATH`. Files and
// directory trees travel through the container's shell (kubectl streams a tar
// through `exec`; the sandbox moves the files themselves), so a container without
// a shell cannot take part, as one without tar cannot for real.
#include <functional>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/pod_target.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct FileSpec {
  std::string ns, pod, path;  // pod empty: a local path
};

FileSpec parse_spec(const std::string& arg) {
  FileSpec s;
  const auto colon = arg.find(':');
  if (colon == std::string::npos || colon == 0) {
    s.path = arg;
    return s;
  }
  std::string pod = arg.substr(0, colon);
  s.path = arg.substr(colon + 1);
  if (auto slash = pod.find('/'); slash != std::string::npos) {
    s.ns = pod.substr(0, slash);
    pod = pod.substr(slash + 1);
  }
  s.pod = pod;
  return s;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string base_name(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  const auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

struct Remote {
  Invocation& inv;
  std::string ns, pod, container;

  term::ExecOutcome run(const std::string& script, std::optional<std::string> input = std::nullopt) {
    term::ExecRequest req;
    req.ns = ns;
    req.pod = pod;
    req.container = container;
    req.argv = {"sh", "-c", script};
    req.with_stdin = input.has_value();
    req.input = std::move(input);
    return inv.ctx.exec(req);
  }
  bool test(const std::string& flag, const std::string& path) { return run("test " + flag + " " + quote(path)).exit_code == 0; }
};

CommandResult to_pod(Invocation& inv, Remote& r, const std::string& local, std::string dest) {
  term::FileSystem& fs = *inv.ctx.fs;
  if (!fs.exists(local)) return fail("error: " + local + " doesn't exist in local filesystem\n");
  if (dest.empty()) dest = ".";
  if (r.test("-d", dest)) dest = (dest == "/" ? "" : dest) + "/" + base_name(local);
  std::function<std::string(const std::string&, const std::string&)> copy = [&](const std::string& from,
                                                                                 const std::string& to) -> std::string {
    if (fs.is_dir(from)) {
      auto made = r.run("mkdir -p " + quote(to));
      if (!made.error.empty()) return "error: " + made.error + "\n";
      if (made.exit_code != 0) return made.output;
      for (const auto& name : fs.list(from))
        if (auto err = copy(from + "/" + name, to + "/" + name); !err.empty()) return err;
      return "";
    }
    auto data = fs.read(from);
    if (!data.data) return "error: " + from + ": " + data.error + "\n";
    auto wrote = r.run("cat > " + quote(to), *data.data);
    if (!wrote.error.empty()) return "error: " + wrote.error + "\n";
    if (wrote.exit_code != 0) return wrote.output + "command terminated with exit code " + std::to_string(wrote.exit_code) + "\n";
    return "";
  };
  const std::string err = copy(local, dest);
  return err.empty() ? CommandResult{"", 0} : fail(err);
}

CommandResult from_pod(Invocation& inv, Remote& r, const std::string& remote, std::string local) {
  term::FileSystem& fs = *inv.ctx.fs;
  std::string note = remote.rfind('/', 0) == 0 ? "tar: removing leading '/' from member names\n" : "";
  const bool dir = r.test("-d", remote);
  if (!dir && !r.test("-e", remote)) return fail(note + "error: " + remote + " no such file or directory\n");
  if (fs.is_dir(local)) local = (local == "/" ? "" : local) + "/" + base_name(remote);
  std::function<std::string(const std::string&, const std::string&, bool)> copy =
      [&](const std::string& from, const std::string& to, bool is_dir) -> std::string {
    if (is_dir) {
      if (auto err = fs.mkdir(to, true); !err.empty()) return "error: " + to + ": " + err + "\n";
      auto listing = r.run("ls -A " + quote(from));
      std::string name;
      for (char c : listing.output + "\n") {
        if (c != '\n') {
          name += c;
          continue;
        }
        if (!name.empty()) {
          const std::string child = from + "/" + name;
          if (auto err = copy(child, to + "/" + name, r.test("-d", child)); !err.empty()) return err;
        }
        name.clear();
      }
      return "";
    }
    auto data = r.run("cat " + quote(from));
    if (data.exit_code != 0) return data.output;
    if (auto err = fs.write(to, data.output, false); !err.empty()) return "error: open " + to + ": " + err + "\n";
    return "";
  };
  const std::string err = copy(remote, local, dir);
  return err.empty() ? CommandResult{note, 0} : fail(note + err);
}

CommandResult run_cp(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (a.positional.size() != 2)
    return fail("error: expected 'cp <file-spec-src> <file-spec-dest> [-c container]'.\n"
                "See 'kubectl cp -h' for help and examples\n");
  const FileSpec src = parse_spec(a.positional[0]), dst = parse_spec(a.positional[1]);
  if (!src.pod.empty() && !dst.pod.empty()) return fail("error: one of src or dest must be a local file specification\n");
  if (src.pod.empty() && dst.pod.empty()) return fail("error: one of src or dest must be a remote file specification\n");
  if (!inv.ctx.exec || !inv.ctx.fs) return fail("error: kubectl cp needs the sandbox's terminal; it is not available here\n");
  const FileSpec& remote = src.pod.empty() ? dst : src;
  if (remote.path.empty()) return fail("error: filepath can not be empty\n");
  if (!remote.ns.empty()) inv.args.values_["namespace"] = {remote.ns};
  PodTarget t = find_pod_target(inv, remote.pod, a.str("container"));
  if (!t.error.empty()) return fail(t.error);
  Remote r{inv, api::meta::namespace_of(*t.pod), api::meta::name(*t.pod), t.container};
  CommandResult out = src.pod.empty() ? to_pod(inv, r, src.path, dst.path) : from_pod(inv, r, src.path, dst.path);
  out.output = t.note + out.output;
  return out;
}

}  // namespace

Command cp_command() {
  return {"cp",
          {{"container", 'c', K::String, ""},
           {"no-preserve", 0, K::Bool, "false"},
           {"retries", 0, K::Int, "0"}},
          run_cp,
          {}};
}

}  // namespace kt::kubectl
