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
  std::string line, input;
  bool first = true;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!input.empty()) {
      // A continuation line (here-document, loop, open quote): the "> " prompt.
      std::cout << "> " << line << "\n";
      input += "\n" + line;
    } else {
      // The learner thinks before typing each command; the cluster keeps running.
      if (!first) sandbox.advance(sim::Duration{static_cast<sim::Micros>(opts.think_seconds * 1e6)});
      first = false;
      std::cout << shell.prompt() << line << "\n";
      input = line;
    }
    if (shell.needs_more(input)) continue;
    CommandResult r = shell.run(input);
    input.clear();
    std::cout << r.output << std::flush;
    if (shell.exit_requested()) break;
  }
  if (!input.empty()) std::cout << shell.run(input).output << std::flush;
  return 0;
}

}  // namespace kt::cli
