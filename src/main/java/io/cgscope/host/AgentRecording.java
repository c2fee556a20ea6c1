package io.cgscope.host;

import io.cgscope.model.ReadBack;
import io.cgscope.model.RecorderStatus;

import java.io.IOException;

/**
 * The release-agent recorder of one hierarchy of a host: a release agent that logs each call of
 * the kernel and then runs the agent set before, so that the live source can report the calls
 * ({@code agent-called}) beside its prediction ({@code released}). Writes throw an IOException
 * whose message is the sentence to show, as {@link CgroupEdits} does.
 */
public interface AgentRecording {
    /** Installed or not, what it chains to, how many calls it logged; reads the host. */
    RecorderStatus status();

    /** Puts the recorder in front of the release agent; returns release_agent as read back. */
    ReadBack install() throws IOException;

    /** Puts back the agent the recorder replaced; returns release_agent as read back. */
    ReadBack uninstall() throws IOException;
}
