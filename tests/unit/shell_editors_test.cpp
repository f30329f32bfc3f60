// The terminal's editors apart from vi's own tests (shell_terminal_test.cpp): GNU
// nano (core/terminal/editor_nano.cpp), the key notation of `kubetab run` scripts
// (core/terminal/script_keys.cpp), and type-ahead while a command runs.
#include <catch2/catch.hpp>

#include "core/sandbox.h"
#include "core/terminal/editor.h"
#include "core/terminal/script_keys.h"
#include "core/terminal/shell.h"
#include "core/terminal/terminal.h"

using namespace kt;

namespace {

constexpr const char* kPrompt = "[root@k8s-master ~]# ";

struct NanoFixture {
  Sandbox sb;
  Shell shell{sb};
  std::unique_ptr<term::Editor> nano;
  void open(const std::string& path) { nano = term::make_editor("nano", shell.files(), path, 80, 24); }
  void keys(std::string_view s) {
    for (char c : s) nano->key(std::string(1, c));
  }
  std::string file(const std::string& path) { return shell.run("cat " + path).output; }
};

}  // namespace

TEST_CASE("nano: title bar, shortcut lines, typing and ^O", "[shell][editor][nano]") {
  NanoFixture f;
  f.open("notes.txt");
  std::string s = f.nano->render();
  CHECK(s.find("\x1b[7m  GNU nano 7.2                        notes.txt") != std::string::npos);
  CHECK(s.find("\x1b[7m[ New File ]\x1b[0m") != std::string::npos);
  CHECK(s.find("\x1b[7m^G\x1b[0m Help      \x1b[7m^O\x1b[0m Write Out \x1b[7m^W\x1b[0m Where Is") != std::string::npos);
  CHECK(s.find("\x1b[7m^X\x1b[0m Exit      \x1b[7m^R\x1b[0m Read File") != std::string::npos);
  f.keys("apiVersion: v1\rkind: Pod");
  s = f.nano->render();
  CHECK(s.find("notes.txt *") != std::string::npos);  // modified
  CHECK(s.find("apiVersion: v1\r\nkind: Pod\r\n") != std::string::npos);
  f.keys("\x0f");  // ^O
  s = f.nano->render();
  CHECK(s.find("\x1b[7mFile Name to Write: notes.txt") != std::string::npos);
  CHECK(s.find("\x1b[7mM-D\x1b[0m DOS Format") != std::string::npos);
  f.keys("\r");
  CHECK(f.nano->render().find("[ Wrote 2 lines ]") != std::string::npos);
  CHECK(f.file("notes.txt") == "apiVersion: v1\nkind: Pod\n");
  f.keys("\x18");  // ^X: nothing to save
  CHECK(f.nano->done());
  f.open("notes.txt");
  CHECK(f.nano->render().find("[ Read 2 lines ]") != std::string::npos);
}

TEST_CASE("nano: ^X asks to save; ^C cancels; N discards; Y writes", "[shell][editor][nano]") {
  NanoFixture f;
  f.shell.run("printf 'one\\ntwo\\n' > f");
  f.open("f");
  f.keys("X");
  f.keys("\x18");
  CHECK(f.nano->render().find("Save modified buffer?") != std::string::npos);
  f.keys("\x03");
  CHECK(f.nano->render().find("[ Cancelled ]") != std::string::npos);
  CHECK_FALSE(f.nano->done());
  f.keys("\x18n");
  CHECK(f.nano->done());
  CHECK(f.file("f") == "one\ntwo\n");
  f.open("f");
  f.keys("Y\x18y");
  CHECK(f.nano->render().find("File Name to Write: f") != std::string::npos);
  f.keys("\r");
  CHECK(f.nano->done());
  CHECK(f.file("f") == "Yone\ntwo\n");
}

TEST_CASE("nano: ^K cuts lines, ^U pastes them, ^W searches, ^C tells the position", "[shell][editor][nano]") {
  NanoFixture f;
  f.shell.run("printf 'a\\nb\\nc\\n' > f");
  f.open("f");
  f.keys("\x0b\x0b");  // two cuts gather "a" and "b"
  f.nano->key("\x1b[B");
  f.keys("\x15");  // paste below "c"
  f.keys("\x0f\r\x18");
  CHECK(f.file("f") == "c\na\nb\n");
  f.open("f");
  f.keys("\x17zz\r");
  CHECK(f.nano->render().find("[ \"zz\" not found ]") != std::string::npos);
  f.keys("\x17" "b\r");
  CHECK(f.nano->render().find("Search [b]:") == std::string::npos);
  f.keys("\x03");
  CHECK(f.nano->render().find("[ line  3/4 (75%), col  1/ 2 ( 50%), char  4/6 (66%) ]") != std::string::npos);
  f.keys("\x17");
  CHECK(f.nano->render().find("Search [b]: ") != std::string::npos);
  f.keys("\x03\x07");  // ^G: the help text
  const std::string help = f.nano->render();
  CHECK(help.find("\x1b[7m                               Main nano help text") != std::string::npos);
  CHECK(help.find("The nano editor is designed to emulate") != std::string::npos);
  CHECK(help.find("\x1b[7mM-/\x1b[0m Last Line") != std::string::npos);
  f.keys("\x18");  // closes the help, not nano
  CHECK_FALSE(f.nano->done());
}

TEST_CASE("nano: a long line ends in > and scrolls sideways with the cursor", "[shell][editor][nano]") {
  NanoFixture f;
  f.shell.run("printf '%0100d\\nshort\\n' 0 > long");
  f.open("long");
  std::string s = f.nano->render();
  CHECK(s.find(std::string(79, '0') + ">\r\nshort\r\n") != std::string::npos);
  f.keys("\x05");  // ^E: the end of the 100 columns
  s = f.nano->render();
  // Page start 100 - 6 - 94 % 72 = 72: "<", columns 73..99, the cursor after them.
  CHECK(s.find("\r\n<" + std::string(27, '0') + "\r\nshort\r\n") != std::string::npos);
  CHECK(s.substr(s.size() - 7) == "\x1b[2;29H");
}

TEST_CASE("nano FILE in the terminal", "[shell][editor][nano][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  screen.clear();
  term.input("nano web.yaml\r");
  CHECK(screen.find("\x1b[?1049h") != std::string::npos);
  CHECK(screen.find("GNU nano 7.2") != std::string::npos);
  term.input("kind: Pod\r");  // a paste
  term.input("\x18");
  term.input("y");
  screen.clear();
  term.input("\r");
  CHECK(screen == std::string("\x1b[?1049l") + kPrompt);
  screen.clear();
  term.input("cat web.yaml\r");
  CHECK(screen == std::string("cat web.yaml\r\nkind: Pod\r\n\r\n") + kPrompt);
}

TEST_CASE("script lines as editor keys: text, named keys, Enter", "[shell][editor]") {
  using V = std::vector<std::string>;
  CHECK(term::script_line_keys(":wq") == V{":", "w", "q", "\r"});
  CHECK(term::script_line_keys("<Esc>") == V{"\x1b"});
  CHECK(term::script_line_keys("A<BS>3<Esc>") == V{"A", "\x7f", "3", "\x1b"});
  CHECK(term::script_line_keys("<C-x>") == V{"\x18"});
  CHECK(term::script_line_keys("<c-O><Up>x") == V{"\x0f", "\x1b[A", "x", "\r"});
  CHECK(term::script_line_keys("a <b> <lt>c>") == V{"a", " ", "<", "b", ">", " ", "<", "c", ">", "\r"});
  CHECK(term::script_line_keys("") == V{"\r"});
}

TEST_CASE("type-ahead: keys typed while a command runs become the next line", "[shell][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  term.input("sleep 3\r");
  REQUIRE(term.busy());
  screen.clear();
  term.input("echo hi\x7fo\r");  // echoed as a cooked tty does, Backspace erasing
  term.input("ec");
  CHECK(screen == "echo hi\b \bo\r\nec");
  screen.clear();
  for (int i = 0; i < 16 && term.busy(); ++i) {
    sb.advance(sim::millis(250));
    term.tick();
  }
  CHECK_FALSE(term.busy());
  // The prompt, the typed line again (the line editor reads it) and its output, then
  // the unfinished rest on the next prompt.
  CHECK(screen == std::string(kPrompt) + "echo ho\r\nho\r\n" + kPrompt + "ec");
  term.input("ho done\r");
  CHECK(term.history().back() == "echo done");
}

TEST_CASE("type-ahead: Ctrl-C stops the command and discards what was typed", "[shell][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  term.input("sleep 30\r");
  screen.clear();
  term.input("rm -rf x\x1b[A");
  CHECK(screen == "rm -rf x^[[A");
  term.input("\x03");
  CHECK(screen == std::string("rm -rf x^[[A^C\r\n") + kPrompt);
  CHECK_FALSE(term.busy());
  screen.clear();
  term.input("echo $?\r");
  CHECK(screen == std::string("echo $?\r\n130\r\n") + kPrompt);
}

TEST_CASE("TextBuffer: Enter, Backspace and Delete at the cursor, as vi's insert mode and nano use them",
          "[shell][editor]") {
  term::TextBuffer b;
  b.lines = {"abc", "de"};
  std::size_t row = 0, col = 1;
  b.enter(row, col);
  CHECK(b.lines == std::vector<std::string>{"a", "bc", "de"});
  CHECK((row == 1 && col == 0));
  CHECK(b.backspace(row, col));  // at a line's start: joins the line above
  CHECK(b.lines == std::vector<std::string>{"abc", "de"});
  CHECK((row == 0 && col == 1));
  CHECK(b.backspace(row, col));
  CHECK(b.lines == std::vector<std::string>{"bc", "de"});
  CHECK((row == 0 && col == 0));
  CHECK_FALSE(b.backspace(row, col));  // nothing before the first character
  CHECK(b.delete_right(0, 2));         // at a line's end: joins the line below
  CHECK(b.lines == std::vector<std::string>{"bcde"});
  CHECK(b.delete_right(0, 0));
  CHECK(b.lines == std::vector<std::string>{"cde"});
  CHECK_FALSE(b.delete_right(0, 3));  // nothing after the last character
}
