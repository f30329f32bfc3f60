// `kubetab run`: a transcript of a script, as the terminal would show it. A line
// that opens an editor (vi, vim, nano, kubectl edit) makes the following lines its
// keystrokes (core/terminal/script_keys.h) until it exits; the transcript shows
// nothing of the editor's screen, only what the command prints once it is closed.
#include <fstream>
#include <iostream>

#include "core/terminal/editor.h"
#include "core/terminal/script_keys.h"
#include "core/terminal/shell.h"
#include "native/cli.h"

namespace kt::cli {
namespace {

// The editor a command asked for, fed with the script's next lines; then what the
// command (kubectl edit) prints as it goes on, which may open the editor again.
void run_editors(Shell& shell, std::istream& in) {
  while (auto req = shell.take_edit_request()) {
    auto editor = term::make_editor(req->editor, shell.files(), req->path, 80, 24);
    std::string line;
    while (!editor->done() && std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      for (const auto& k : term::script_line_keys(line)) {
        editor->key(k);
        if (editor->done()) break;
      }
    }
    std::cout << shell.editor_closed(*req).output << std::flush;
  }
}

}  // namespace

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
  shell.set_editors(true);
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
    run_editors(shell, *in);
    if (shell.exit_requested()) break;
  }
  if (!input.empty()) std::cout << shell.run(input).output << std::flush;
  return 0;
}

}  // namespace kt::cli
