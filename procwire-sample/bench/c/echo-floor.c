/*
 * The protocol floor: the least a Procwire worker can do and still serve a @procwire/core parent.
 *
 * Methods echo (id 1) and echoRaw (id 2), both "result": every request frame is answered with its
 * own payload, unchanged, as a result frame (flags 0x03). It does not decode MsgPack, so "echo" costs
 * the same as "echoRaw". One thread, poll() over stdin and the data socket, no allocation per frame:
 * a request is answered by flipping its flag byte in the read buffer and writing the same bytes back,
 * every complete frame of one read in one writev(). Whatever a real worker adds on top of this is the
 * price of its runtime; this is what the kernel, the socket and the parent cost.
 *
 * Control plane: $init on stdout once listening, $ping answered with $pong, exit on $shutdown or
 * stdin EOF. Auth frames (PROCWIRE_TOKEN) and aborts are ignored; the benchmark parent uses neither.
 *
 * Built by procwire-sample/bench/run.mjs: gcc -O2 -o <build dir>/echo-floor echo-floor.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define HEADER 11
#define FLAGS_RESULT 0x03
#define FLAGS_ERROR 0x07
#define ABORT_ID 0xFFFF
#define AUTH_ID 0xFFFE
#define MAX_IOV 64

static char sock_path[108];
static int listen_fd = -1;

static void die(const char *what) {
    fprintf(stderr, "echo-floor: %s: %s\n", what, strerror(errno));
    if (sock_path[0]) unlink(sock_path);
    exit(1);
}

static void write_all(int fd, const void *p, size_t n) {
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        c += w;
        n -= (size_t)w;
    }
}

/* Writes every iovec fully, resuming after short writes. */
static void writev_all(int fd, struct iovec *iov, int cnt) {
    while (cnt > 0) {
        ssize_t w = writev(fd, iov, cnt);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("writev");
        }
        while (cnt > 0 && (size_t)w >= iov->iov_len) {
            w -= (ssize_t)iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + w;
            iov->iov_len -= (size_t)w;
        }
    }
}

static void choose_path(void) {
    const char *dirs[] = {getenv("XDG_RUNTIME_DIR"), getenv("TMPDIR"), "/tmp"};
    unsigned char rnd[16];
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, rnd, sizeof rnd) != (ssize_t)sizeof rnd) die("urandom");
    close(fd);
    char hex[33];
    for (int i = 0; i < 16; i++) sprintf(hex + 2 * i, "%02x", rnd[i]);
    for (int i = 0; i < 3; i++) {
        const char *d = dirs[i];
        if (!d || !*d) continue;
        size_t len = strlen(d);
        while (len > 1 && d[len - 1] == '/') len--;
        int n = snprintf(sock_path, sizeof sock_path, "%.*s/procwire-%d-%s.sock", (int)len, d, (int)getpid(), hex);
        if (n > 0 && n < 104) return;
    }
    snprintf(sock_path, sizeof sock_path, "/tmp/procwire-%d-%s.sock", (int)getpid(), hex);
}

static void shutdown_now(void) {
    if (listen_fd >= 0) close(listen_fd);
    unlink(sock_path);
    exit(0);
}

/* Control lines: $ping and $shutdown are all this worker needs to recognise. */
static void handle_line(const char *line) {
    if (strstr(line, "\"$ping\"")) {
        static const char pong[] = "{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}\n";
        write_all(1, pong, sizeof pong - 1);
    } else if (strstr(line, "\"$shutdown\"")) {
        shutdown_now();
    }
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    choose_path();
    unlink(sock_path);
    listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) die("socket");
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    memcpy(addr.sun_path, sock_path, strlen(sock_path) + 1); /* choose_path keeps it under 104 bytes */
    if (bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    chmod(sock_path, 0600);
    if (listen(listen_fd, 8) < 0) die("listen");

    char init[512];
    int n = snprintf(init, sizeof init,
                     "{\"jsonrpc\":\"2.0\",\"method\":\"$init\",\"params\":{\"pipe\":\"%s\",\"schema\":{\"methods\":"
                     "{\"echo\":{\"id\":1,\"response\":\"result\"},\"echoRaw\":{\"id\":2,\"response\":\"result\"}},"
                     "\"events\":{}},\"version\":\"1.0.0\"}}\n",
                     sock_path);
    write_all(1, init, (size_t)n);

    size_t cap = 1 << 20, start = 0, end = 0;
    unsigned char *buf = malloc(cap);
    char line[4096];
    size_t line_len = 0;
    int data_fd = -1;
    struct iovec iov[MAX_IOV];

    for (;;) {
        struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = data_fd >= 0 ? data_fd : listen_fd, .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            die("poll");
        }
        if (fds[0].revents) {
            char tmp[4096];
            ssize_t r = read(0, tmp, sizeof tmp);
            if (r <= 0) shutdown_now(); /* the parent is gone */
            for (ssize_t i = 0; i < r; i++) {
                if (tmp[i] == '\n') {
                    line[line_len] = 0;
                    handle_line(line);
                    line_len = 0;
                } else if (line_len < sizeof line - 1) {
                    line[line_len++] = tmp[i];
                }
            }
        }
        if (!fds[1].revents) continue;
        if (data_fd < 0) {
            data_fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (data_fd < 0) die("accept");
            close(listen_fd); /* one parent: stop listening */
            listen_fd = -1;
            unlink(sock_path);
            continue;
        }
        ssize_t r = read(data_fd, buf + end, cap - end);
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (r == 0) shutdown_now();
        end += (size_t)r;

        /* Answer every complete frame: flip its flags to "result" and write the same bytes back. */
        int cnt = 0;
        while (end - start >= HEADER) {
            unsigned char *h = buf + start;
            unsigned method = (unsigned)h[0] << 8 | h[1];
            uint32_t len = (uint32_t)h[7] << 24 | (uint32_t)h[8] << 16 | (uint32_t)h[9] << 8 | h[10];
            if (end - start < HEADER + (size_t)len) break;
            if (method == 1 || method == 2) {
                h[2] = FLAGS_RESULT;
                if (cnt > 0 && (unsigned char *)iov[cnt - 1].iov_base + iov[cnt - 1].iov_len == h) {
                    iov[cnt - 1].iov_len += HEADER + len; /* contiguous with the previous answer */
                } else {
                    if (cnt == MAX_IOV) {
                        writev_all(data_fd, iov, cnt);
                        cnt = 0;
                    }
                    iov[cnt++] = (struct iovec){h, HEADER + len};
                }
            } else if (method != ABORT_ID && method != AUTH_ID) {
                /* Unknown method: an error frame with a MsgPack string. */
                static const char msg[] = "\xaeUnknown method";
                unsigned char *e = malloc(HEADER + sizeof msg - 1);
                memcpy(e, h, HEADER);
                e[2] = FLAGS_ERROR;
                e[7] = e[8] = e[9] = 0;
                e[10] = sizeof msg - 1;
                memcpy(e + HEADER, msg, sizeof msg - 1);
                if (cnt > 0) writev_all(data_fd, iov, cnt);
                cnt = 0;
                write_all(data_fd, e, HEADER + sizeof msg - 1);
                free(e);
            }
            start += HEADER + len;
        }
        if (cnt > 0) writev_all(data_fd, iov, cnt);

        /* Keep the partial frame at the front, and make room for all of it. */
        if (start == end) {
            start = end = 0;
        } else {
            size_t need = HEADER;
            if (end - start >= HEADER) {
                unsigned char *h = buf + start;
                need += (uint32_t)h[7] << 24 | (uint32_t)h[8] << 16 | (uint32_t)h[9] << 8 | h[10];
            }
            if (start > 0 && (start + need > cap || cap - end < 65536)) {
                memmove(buf, buf + start, end - start);
                end -= start;
                start = 0;
            }
            if (need > cap) {
                cap = need;
                buf = realloc(buf, cap);
                if (!buf) die("realloc");
            }
        }
    }
}
