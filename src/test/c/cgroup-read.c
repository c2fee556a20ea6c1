/*
 * The benchmark's floor for a snapshot: reads exactly the files cgscope's snapshot reads of a v1
 * hierarchy (each directory listed, notify_on_release, cgroup.clone_children and cgroup.procs of
 * every cgroup, and tasks where cgroup.procs is not empty), on THREADS threads, and keeps nothing
 * but a count. Built by the benchmark with the machine's cc:
 *
 *     cc -O2 -pthread -o target/cgroup-read src/test/c/cgroup-read.c
 *     target/cgroup-read DIR THREADS        prints the number of cgroups read
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static char **stack;
static size_t depth, room;
static int busy;
static long cgroups;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t more = PTHREAD_COND_INITIALIZER;

static void push(char *path) {
    if (depth == room) {
        room = room ? room * 2 : 1024;
        stack = realloc(stack, room * sizeof *stack);
        if (!stack) {
            perror("realloc");
            exit(1);
        }
    }
    stack[depth++] = path;
}

/* The file's bytes into buf; the count read, -1 when it cannot be opened. */
static ssize_t slurp(int dir, const char *name, char *buf, size_t size) {
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    ssize_t have = 0, n;
    while ((n = read(fd, buf + have, size - have)) > 0 && (size_t) have + n < size) {
        have += n;
    }
    close(fd);
    return have;
}

static void read_cgroup(char *path) {
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir < 0) {
        free(path);
        return; /* vanished */
    }
    char entries[32768];
    char text[65536];
    size_t length = strlen(path);
    long n;
    while ((n = syscall(SYS_getdents64, dir, entries, sizeof entries)) > 0) {
        for (long at = 0; at < n;) {
            struct linux_dirent64 *e = (struct linux_dirent64 *) (entries + at);
            at += e->d_reclen;
            if (e->d_type != DT_DIR || strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
                continue;
            }
            char *child = malloc(length + strlen(e->d_name) + 2);
            sprintf(child, "%s/%s", path, e->d_name);
            pthread_mutex_lock(&lock);
            push(child);
            pthread_cond_signal(&more);
            pthread_mutex_unlock(&lock);
        }
    }
    slurp(dir, "notify_on_release", text, sizeof text);
    slurp(dir, "cgroup.clone_children", text, sizeof text);
    if (slurp(dir, "cgroup.procs", text, sizeof text) > 0) {
        slurp(dir, "tasks", text, sizeof text);
    }
    close(dir);
    free(path);
}

static void *worker(void *unused) {
    (void) unused;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (depth == 0 && busy > 0) {
            pthread_cond_wait(&more, &lock);
        }
        if (depth == 0) {
            pthread_cond_broadcast(&more); /* nothing left and nobody reading: done */
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        char *path = stack[--depth];
        busy++;
        cgroups++;
        pthread_mutex_unlock(&lock);
        read_cgroup(path);
        pthread_mutex_lock(&lock);
        busy--;
        if (busy == 0 && depth == 0) {
            pthread_cond_broadcast(&more);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3 || atoi(argv[2]) < 1) {
        fprintf(stderr, "usage: cgroup-read DIR THREADS\n");
        return 2;
    }
    int threads = atoi(argv[2]);
    push(strdup(argv[1]));
    pthread_t *t = calloc(threads, sizeof *t);
    for (int i = 0; i < threads; i++) {
        pthread_create(&t[i], NULL, worker, NULL);
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
    }
    printf("%ld\n", cgroups);
    return 0;
}
