// Programs that only images have: nginx (`nginx -v` prints the version the image's
// tag stands for; -t checks the configuration; -s signals the master process) and
// perl (the bignum π one-liner of the Job tutorial). Outside a container whose
// image has them they are not found, as on the machines.
#include <cstdlib>
#include <regex>

#include "core/node/pi.h"
#include "core/terminal/shell_state.h"

namespace kt::term {
namespace {

const Host::Container* image_has(Invocation& inv, const char* program) {
  const auto& c = inv.sh.session().host->container;
  return c && c->userland.programs.count(program) ? &*c : nullptr;
}

int nginx(Invocation& inv) {
  const Host::Container* c = image_has(inv, "nginx");
  if (!c) return inv.fail(inv.sh.not_found(inv.argv[0]), 127);
  const std::string version = c->env.count("NGINX_VERSION") ? c->env.at("NGINX_VERSION") : "";
  const std::string flag = inv.argv.size() > 1 ? inv.argv[1] : "";
  if (flag == "-v") return inv.fail("nginx version: nginx/" + version + "\n", 0);
  if (flag == "-V")
    return inv.fail("nginx version: nginx/" + version + "\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.11 "
                    "19 Sep 2023\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx "
                    "--modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf\n",
                    0);
  if (flag == "-t") {
    if (!inv.fs().exists("/etc/nginx/nginx.conf"))
      return inv.fail("nginx: [emerg] open() \"/etc/nginx/nginx.conf\" failed (2: No such file or directory)\n"
                      "nginx: configuration file /etc/nginx/nginx.conf test failed\n");
    return inv.fail("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                    "nginx: configuration file /etc/nginx/nginx.conf test is successful\n",
                    0);
  }
  if (flag == "-s") {
    const std::string sig = inv.argv.size() > 2 ? inv.argv[2] : "";
    if (sig == "reload" || sig == "reopen") return 0;
    if (sig.empty()) return inv.fail("nginx: option \"-s\" requires parameter\n");
    if (sig != "stop" && sig != "quit") return inv.fail("nginx: invalid option: \"-s " + sig + "\"\n");
    return inv.fail("nginx: stopping the container's main process from inside is not simulated in this sandbox; "
                    "delete the pod instead\n");
  }
  if (flag.empty())
    return inv.fail("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n"
                    "nginx: [emerg] still could not bind()\n");
  return inv.fail("nginx: invalid option: \"" + flag.substr(1) + "\"\n");
}

int perl(Invocation& inv) {
  if (!image_has(inv, "perl")) return inv.fail(inv.sh.not_found(inv.argv[0]), 127);
  std::string script;
  for (std::size_t i = 1; i < inv.argv.size(); ++i) script += inv.argv[i] + " ";
  std::smatch m;
  if (std::regex_search(script, m, std::regex(R"(print\s+bpi\((\d+)\))"))) {
    const int n = std::atoi(m[1].str().c_str());
    if (n > 0 && n <= 20000) {
      inv.out(node::pi_digits(n) + "\n");
      return 0;
    }
  }
  return inv.fail("perl: only the bignum π one-liner (perl -Mbignum=bpi -wle 'print bpi(N)') is simulated here\n");
}

}  // namespace

void register_image_programs(CommandTable& t) {
  t["nginx"] = {nginx, "/usr/sbin/nginx"};
  t["perl"] = {perl, "/usr/bin/perl"};
}

}  // namespace kt::term
