// `kubetab run`: a transcript of a script, as the terminal would show it.
#include <fstream>
#include <iostream>

#include "core/terminal/shell.h"
#include "native/cli.h"

namespace kt::cli {

int run(const Options& opts) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (!opts.script.empty() && opts.script != "-") {
    file.open(opts.script);
    if (!file) {
      std::cerr << "kubetab: cannot read " << opts.script << "\n";
      return 2;
    }
    in = &file;
  }
  Sandbox sandbox(opts.sandbox);
  Shell shell(sandbox);
  std::string line;
  bool first = true;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // The learner thinks before typing each line; the cluster keeps running.
    if (!first) sandbox.advance(sim::Duration{static_cast<sim::Micros>(opts.think_seconds * 1e6)});
    first = false;
    std::cout << shell.prompt() << line << "\n";
    CommandResult r = shell.run(line);
    std::cout << r.output << std::flush;
    if (shell.exit_requested()) break;
  }
  return 0;
}

}  // namespace kt::cli
