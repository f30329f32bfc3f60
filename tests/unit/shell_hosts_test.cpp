// Hosts and files: each cluster machine is a host with its own filesystem, cwd and
// variables; ssh moves between them; the coreutils file commands work on the
// host's files with coreutils' messages.
#include <catch2/catch.hpp>

#include "core/sandbox.h"
#include "tests/unit/shell_test_util.h"

using kt::testing::ShellFixture;

TEST_CASE("login host: prompt, home, /etc files of a CentOS 7 kubeadm node", "[shell]") {
  ShellFixture f;
  CHECK(f.shell.prompt() == "[root@k8s-master ~]# ");
  CHECK(f.out("pwd; hostname; cat /etc/hostname") == "/root\nk8s-master\nk8s-master\n");
  CHECK(f.out("grep k8s /etc/hosts") == "172.31.0.4 k8s-master\n172.31.0.5 k8s-node1\n172.31.0.6 k8s-node2\n");
  CHECK(f.out("grep PRETTY /etc/os-release") == "PRETTY_NAME=\"CentOS Linux 7 (Core)\"\n");
  f.out("cd /etc");
  CHECK(f.shell.prompt() == "[root@k8s-master etc]# ");
  f.out("cd /");
  CHECK(f.shell.prompt() == "[root@k8s-master /]# ");
  CHECK(f.out("cd nosuch") == "-bash: cd: nosuch: No such file or directory\n");
  CHECK(f.out("cd /tmp; cd -; cd; pwd") == "/\n/root\n");
}

TEST_CASE("ssh: another machine's shell with its own files; exit comes back", "[shell]") {
  ShellFixture f;
  f.out("echo master > mine.txt; X=on-master");
  CHECK(f.out("ssh k8s-node1") == "Last login: Wed Jan 15 09:00:00 2025 from 172.31.0.4\n");
  CHECK(f.shell.prompt() == "[root@k8s-node1 ~]# ");
  CHECK(f.out("hostname; ls; echo \"[$X]\"") == "k8s-node1\n[]\n");
  f.out("cd /tmp; echo node > n.txt");
  CHECK(f.shell.prompt() == "[root@k8s-node1 tmp]# ");
  CHECK(f.out("exit") == "logout\nConnection to k8s-node1 closed.\n");
  CHECK_FALSE(f.shell.exit_requested());
  CHECK(f.shell.prompt() == "[root@k8s-master ~]# ");
  CHECK(f.out("cat mine.txt; echo $X; ls /tmp") == "master\non-master\n");
  // A second login reports the first one, from the master's address.
  CHECK(f.out("ssh root@172.31.0.5 cat /tmp/n.txt") == "node\n");
  auto r = f.shell.run("ssh nope");
  CHECK(r.output == "ssh: Could not resolve hostname nope: Name or service not known\n");
  CHECK(r.exit_code == 255);
  // The login shell's exit ends the session.
  CHECK(f.out("exit") == "logout\n");
  CHECK(f.shell.exit_requested());
}

TEST_CASE("ls, cp, mv, rm, mkdir, touch, chmod with coreutils' messages", "[shell]") {
  ShellFixture f;
  f.out("printf 'x\\n' > data.txt; touch colon.txt");
  CHECK(f.out("ls") == "colon.txt  data.txt\n");
  CHECK(f.out("ls | cat; ls -1") == "colon.txt\ndata.txt\ncolon.txt\ndata.txt\n");
  // en_US.UTF-8 collation, as on CentOS: leading dots and case sort last.
  CHECK(f.out("ls -a") == ".  ..  .bash_logout  .bash_profile  .bashrc  colon.txt  data.txt  .kube\n");
  CHECK(f.out("ls -l data.txt") == "-rw-r--r--. 1 root root 2 Jan 15 09:12 data.txt\n");
  CHECK(f.out("cp data.txt d2; mv d2 d3; ls; rm d3") == "colon.txt  d3  data.txt\n");
  auto r = f.shell.run("ls nosuch data.txt");
  CHECK(r.output == "ls: cannot access 'nosuch': No such file or directory\ndata.txt\n");
  CHECK(r.exit_code == 2);
  CHECK(f.out("rm nosuch") == "rm: cannot remove 'nosuch': No such file or directory\n");
  CHECK(f.out("rm -f nosuch; echo $?") == "0\n");
  CHECK(f.out("mkdir dd; mkdir dd") == "mkdir: cannot create directory \xe2\x80\x98" "dd\xe2\x80\x99: File exists\n");
  CHECK(f.out("mkdir -p dd/x/y; ls dd; rm dd") == "x\nrm: cannot remove 'dd': Is a directory\n");
  CHECK(f.out("cp dd e") == "cp: -r not specified; omitting directory 'dd'\n");
  CHECK(f.out("cp -r dd e; ls e/x; rm -r dd e; ls") == "y\ncolon.txt  data.txt\n");
  CHECK(f.out("cat nosuch") == "cat: nosuch: No such file or directory\n");
  CHECK(f.out("rm -rf /; rm /; ls / | wc -l") ==
        "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"
        "rm: cannot remove '/': Is a directory\n9\n");
  CHECK(f.out("chmod +x data.txt; test -x data.txt && echo exec; chmod 600 data.txt; ls -l data.txt") ==
        "exec\n-rw-------. 1 root root 2 Jan 15 09:12 data.txt\n");
  CHECK(f.out("printf 'echo from script $1\\n' > s.sh; ./s.sh") == "-bash: ./s.sh: Permission denied\n");
  CHECK(f.out("chmod +x s.sh; ./s.sh; bash s.sh") == "from script\nfrom script\n");
  CHECK(f.out("mkdir /tmp/a; mv data.txt /tmp/a; ls /tmp/a") == "data.txt\n");
}

TEST_CASE("seed 004's kubeconfig steps work on the control-plane host", "[shell]") {
  ShellFixture f;
  CHECK(f.out("mkdir -p $HOME/.kube; sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config; "
              "sudo chown $(id -u):$(id -g) $HOME/.kube/config; echo $?") == "0\n");
  CHECK(f.out("grep server: $HOME/.kube/config") == "    server: https://172.31.0.4:6443\n");
  CHECK(f.out("chown bob x") == "chown: invalid user: 'bob'\n");
}

TEST_CASE("date and sleep run on the sandbox's virtual clock", "[shell]") {
  ShellFixture f;
  const std::string before = f.out("date");
  CHECK(before == "Wed Jan 15 09:12:00 UTC 2025\n");
  f.out("sleep 90");
  CHECK(f.out("date +%H:%M:%S") == "09:13:30\n");
  CHECK(f.out("sleep 1x") == "sleep: invalid time interval '1x'\nTry 'sleep --help' for more information.\n");
}

TEST_CASE("which, type, help and the programs the sandbox does not simulate", "[shell]") {
  ShellFixture f;
  CHECK(f.out("which kubectl grep") == "/usr/bin/kubectl\n/usr/bin/grep\n");
  auto r = f.shell.run("which nope");
  CHECK(r.output == "/usr/bin/which: no nope in (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin)\n");
  CHECK(r.exit_code == 1);
  CHECK(f.out("type cd ls") == "cd is a shell builtin\nls is /usr/bin/ls\n");
  for (const char* cmd : {"yum install -y kubeadm", "apt-get update", "docker ps", "swapoff -a", "setenforce 0",
                          "systemctl restart docker", "nano deploy.yaml"}) {
    r = f.shell.run(cmd);
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("simulated") + r.output.find("editor") != 2 * std::string::npos);
  }
  CHECK(f.out("vim x.yml") == "vim: the editor runs in the interactive terminal only; here use cat > file <<EOF\n");
  CHECK(f.code("systemctl enable --now kubelet") == 0);
  CHECK(f.out("alias k=kubectl; k get nodes | grep -c Ready; alias; type k") ==
        "3\nalias k='kubectl'\nk is aliased to `kubectl'\n");
  CHECK(f.out("unalias k; k version") == "-bash: k: command not found\n");
  CHECK(f.out("help").find("kubectl") != std::string::npos);
  CHECK(f.out("kubectl get nodes | grep -c Ready") == "3\n");
  CHECK(f.out("kubectl get nodes | awk 'NR > 1 {print $1}' | sort -r | head -1") == "k8s-node2\n");
}
