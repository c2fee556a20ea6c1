package io.cgscope.model;

/** One process of the selected cgroup, as /proc told it when read. */
public record ProcessRow(int pid, String command, String user, int threads, String commandLine) {
}
