// kubetab: the native, headless front end of the sandbox.
//   kubetab shell [--scenario S] [--seed N]            interactive terminal
//   kubetab run   [--scenario S] [--seed N] [--think SECONDS] [SCRIPT|-]
//                                                       transcript of a command script
//   kubetab serve [--port N] [--address A] [--scenario S] [--seed N] [--speed X]
//                                                       Kubernetes HTTP API for the real kubectl
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "core/cluster/scenario.h"
#include "native/cli.h"
#include "native/serve.h"

namespace {

const char* kUsage =
    "kubetab: Kubernetes in a browser tab, headless.\n"
    "\n"
    "Usage:\n"
    "  kubetab shell [--scenario S] [--seed N]\n"
    "      The interactive sandbox terminal (as in the browser): kubectl get -w,\n"
    "      logs -f and rollout status stream as virtual time follows wall time;\n"
    "      Ctrl-C stops them; `cmd &`, jobs, kill %N and fg work as in bash.\n"
    "  kubetab run [--scenario S] [--seed N] [--think SECONDS] [SCRIPT|-]\n"
    "      Runs each line of SCRIPT (or stdin) as if typed and prints the transcript:\n"
    "      prompt, command, output. Virtual time advances by the think time between\n"
    "      lines (default 3 seconds) and by `sleep N`. Commands that would keep running\n"
    "      fast-forward instead (Ctrl-C is not available): kubectl get -w ends after\n"
    "      60 s, rollout status gives up after 600 s, logs -f waits up to 10 minutes\n"
    "      for a container that is going to exit.\n"
    "      A line that opens an editor (vi, vim, nano, kubectl edit) makes the next\n"
    "      lines its keystrokes, each followed by Enter, until the editor exits; the\n"
    "      transcript shows only what the command prints once the editor is closed.\n"
    "      Keys a line cannot hold go in angle brackets: <Esc> <Enter> <Tab> <BS> <Del>\n"
    "      <Up> <Down> <Left> <Right> <Home> <End> <PgUp> <PgDn> <C-x> (Ctrl+letter),\n"
    "      <lt> for '<'. A line that ends in such a key gets no Enter. vi: `iname: web`,\n"
    "      `<Esc>`, `:wq`; nano: text lines, `<C-x>`, `y` (Enter takes the file name).\n"
    "  kubetab serve [--port N] [--address A] [--scenario S] [--seed N] [--speed X]\n"
    "      Serves the sandbox as a Kubernetes API (v1.32) over HTTP, for the real kubectl:\n"
    "        kubectl --server=http://127.0.0.1:6443 get nodes\n"
    "      Virtual time follows wall time times the speed. Only loopback by default;\n"
    "      another --address prints a warning (there is no authentication).\n"
    "  kubetab scenarios\n"
    "      Lists the scenarios.\n"
    "\n"
    "Options:\n"
    "  --scenario S   scenario name (default: default)\n"
    "  --seed N       seed of every random choice in the simulation (default: 1)\n"
    "  --port N       serve: TCP port (default: 6443; 0 picks a free one and prints it)\n"
    "  --address A    serve: address to bind (default: 127.0.0.1)\n"
    "  --speed X      serve: virtual seconds per wall second (default: 1)\n";

int usage_error(const std::string& msg) {
  std::cerr << "kubetab: " << msg << "\n\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  kt::cli::Options opts;
  kt::cli::ServeOptions serve_opts;
  bool serve_flag_seen = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (a.rfind(std::string(name) + "=", 0) == 0) return a.substr(std::string(name).size() + 1);
      if (a == name && i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    if (auto v = value("--scenario")) opts.sandbox.scenario = *v;
    else if (auto v = value("--seed")) {
      char* end = nullptr;
      opts.sandbox.seed = std::strtoull(v->c_str(), &end, 10);
      if (v->empty() || *end) return usage_error("--seed wants a non-negative integer, got \"" + *v + "\"");
    } else if (auto v = value("--port")) {
      char* end = nullptr;
      unsigned long port = std::strtoul(v->c_str(), &end, 10);
      if (v->empty() || *end || port > 65535) return usage_error("--port wants a TCP port number, got \"" + *v + "\"");
      serve_opts.port = static_cast<unsigned short>(port);
      serve_flag_seen = true;
    } else if (auto v = value("--address")) {
      serve_opts.address = *v;
      serve_flag_seen = true;
    } else if (auto v = value("--speed")) {
      char* end = nullptr;
      serve_opts.speed = std::strtod(v->c_str(), &end);
      if (v->empty() || *end || serve_opts.speed < 0) return usage_error("--speed wants a non-negative number, got \"" + *v + "\"");
      serve_flag_seen = true;
    } else if (a == "--quiet") {
      serve_opts.quiet = true;
      serve_flag_seen = true;
    } else if (auto v = value("--think")) {
      char* end = nullptr;
      opts.think_seconds = std::strtod(v->c_str(), &end);
      if (v->empty() || *end || opts.think_seconds < 0) return usage_error("--think wants seconds, got \"" + *v + "\"");
    } else if (a == "-" || a[0] != '-') {
      if (!opts.script.empty()) return usage_error("more than one script given");
      opts.script = a;
    } else {
      return usage_error("unknown option " + a);
    }
  }
  if (!kt::cluster::find_scenario(opts.sandbox.scenario)) {
    std::string names;
    for (const auto& n : kt::cluster::scenario_names()) names += " " + n;
    return usage_error("unknown scenario \"" + opts.sandbox.scenario + "\"; known:" + names);
  }
  if (serve_flag_seen && command != "serve") return usage_error("--port, --address, --speed and --quiet are options of serve");
  try {
    if (command == "serve") {
      if (!opts.script.empty()) return usage_error("serve takes no script");
      serve_opts.sandbox = opts.sandbox;
      return kt::cli::serve(serve_opts);
    }
    if (command == "shell") return kt::cli::shell(opts);
    if (command == "run") return kt::cli::run(opts);
    if (command == "scenarios") {
      for (const auto& n : kt::cluster::scenario_names())
        std::cout << n << "\t" << kt::cluster::find_scenario(n)->description << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "kubetab: internal error: " << e.what() << "\n";
    return 3;
  }
  return usage_error("unknown command \"" + command + "\"");
}
