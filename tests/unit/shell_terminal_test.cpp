// The terminal over the shell: an unfinished command (here-document, loop, open
// quote) gets bash's "> " continuation prompt and runs once complete.
#include <catch2/catch.hpp>

#include "core/sandbox.h"
#include "core/terminal/shell.h"
#include "core/terminal/terminal.h"

using namespace kt;

TEST_CASE("the terminal asks for more lines while a command is unfinished", "[shell][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  screen.clear();
  term.input("cat > f.txt <<EOF\r");
  CHECK(screen == "cat > f.txt <<EOF\r\n> ");
  term.input("hello $HOSTNAME\r");
  CHECK(screen == "cat > f.txt <<EOF\r\n> hello $HOSTNAME\r\n> ");
  screen.clear();
  term.input("EOF\r");
  CHECK(screen == "EOF\r\n[root@k8s-master ~]# ");
  screen.clear();
  term.input("for i in 1 2\rdo echo $i\rdone\r");
  CHECK(screen == "for i in 1 2\r\n> do echo $i\r\n> done\r\n1\r\n2\r\n[root@k8s-master ~]# ");
  screen.clear();
  term.input("echo 'open\r");
  term.input("\x03");  // Ctrl-C abandons the unfinished command
  CHECK(screen == "echo 'open\r\n> ^C\r\n[root@k8s-master ~]# ");
  screen.clear();
  term.input("cat f.txt\r");
  CHECK(screen == "cat f.txt\r\nhello k8s-master\r\n[root@k8s-master ~]# ");
  CHECK(term.history() == std::vector<std::string>{"cat > f.txt <<EOF\nhello $HOSTNAME\nEOF", "for i in 1 2\ndo echo $i\ndone",
                                                   "cat f.txt"});
}

TEST_CASE("Tab completes commands and the host's paths", "[shell][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  term.input("touch deploy.yaml; mkdir manifests\r");
  screen.clear();
  term.input("cat dep\t");
  CHECK(screen.find("cat deploy.yaml ") != std::string::npos);
  term.input("\x15ls man\t");  // Ctrl-U, then a directory: completed with "/"
  CHECK(screen.find("ls manifests/") != std::string::npos);
  term.input("\x15systemc\t");
  CHECK(screen.find("systemctl ") != std::string::npos);
  term.input("\x15ls /etc/ho\t");
  CHECK(screen.find("\r\nhostname  hosts  \r\n") != std::string::npos);  // listed as bash does: names only
}

TEST_CASE("exit in a script or substitution ends only that", "[shell]") {
  Sandbox sb;
  Shell sh(sb);
  CHECK(sh.run("printf 'echo a\\nexit 3\\necho b\\n' > s.sh; bash s.sh; echo $?").output == "a\n3\n");
  CHECK(sh.run("x=$(exit 4); echo $?; echo after").output == "4\nafter\n");
  CHECK(sh.run("ssh k8s-node1 'hostname; exit 5; hostname'; echo $?").output == "k8s-node1\n5\n");
  CHECK_FALSE(sh.exit_requested());
  CHECK(sh.prompt() == "[root@k8s-master ~]# ");
  CHECK(sh.run("printf 'Y=1\\n' > vars; source vars; echo $Y").output == "1\n");
}

TEST_CASE("vi: paste a manifest in insert mode, :wq writes it", "[shell][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  screen.clear();
  term.input("vim pod.yaml\r");
  CHECK(screen.find("\x1b[?1049h") != std::string::npos);
  CHECK(screen.find("\"pod.yaml\" [New File]") != std::string::npos);
  term.input("i");
  term.input("apiVersion: v1\rkind: Pod\rmetadata:\r  name: web\r");  // a paste arrives as one chunk
  CHECK(screen.find("-- INSERT --") != std::string::npos);
  term.input("\x1b");
  term.input(":wq\r");
  CHECK(screen.find("\x1b[?1049l[root@k8s-master ~]# ") != std::string::npos);
  screen.clear();
  term.input("cat pod.yaml\r");
  CHECK(screen == "cat pod.yaml\r\napiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\n\r\n[root@k8s-master ~]# ");
}

TEST_CASE("vi: normal-mode editing, :q refuses unsaved changes, :q! discards", "[shell][terminal]") {
  Sandbox sb;
  std::string screen;
  Terminal term(sb, [&](std::string_view s) { screen += s; });
  term.start();
  term.input("printf 'one\\ntwo\\nthree\\n' > f\r");
  term.input("vi f\r");
  CHECK(screen.find("\"f\" 3L, 14B") != std::string::npos);
  term.input("jddp");   // move "two" below "three"
  term.input("ggx");    // "one" → "ne"
  term.input("Go4\x1b");  // a new last line
  term.input("/thr\r");
  term.input("A!\x1b");
  term.input(":q\r");
  CHECK(screen.find("E37: No write since last change (add ! to override)") != std::string::npos);
  term.input(":w\r");
  CHECK(screen.find("\"f\" 4L, 16B written") != std::string::npos);
  term.input("dd:q!\r");  // a change after the write is discarded
  screen.clear();
  term.input("cat f\r");
  CHECK(screen == "cat f\r\nne\r\nthree!\r\ntwo\r\n4\r\n[root@k8s-master ~]# ");
  Shell plain(sb);  // no terminal: vi says where it works
  CHECK(plain.run("vim x").output == "vim: the editor runs in the interactive terminal only; here use cat > file <<EOF\n");
}
