// The example's service: answers every HTTP request on 127.0.0.1:<port> with
// 200 "hello" and closes the connection.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hello_service PORT\n");
    return 2;
  }
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  const int on = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(std::atoi(argv[1])));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener, 64) != 0) {
    std::perror("hello_service: bind/listen");
    return 1;
  }
  static const char kResponse[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
  for (;;) {
    const int conn = ::accept(listener, nullptr, nullptr);
    if (conn < 0) continue;
    char request[4096];
    std::size_t got = 0;
    while (got < sizeof request - 1) {  // read up to the end of the headers
      const ssize_t n = ::recv(conn, request + got, sizeof request - 1 - got, 0);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
      request[got] = '\0';
      if (std::strstr(request, "\r\n\r\n") != nullptr) break;
    }
    (void)!::send(conn, kResponse, sizeof kResponse - 1, MSG_NOSIGNAL);
    ::close(conn);
  }
}
