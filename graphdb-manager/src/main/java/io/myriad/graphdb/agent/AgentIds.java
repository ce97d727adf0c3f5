package io.myriad.graphdb.agent;

import java.util.Locale;

import io.myriad.contracts.graph.AgentType;

/** Agent ids as docs/pipeline.md fixes them: {@code <type>-<concept>}, lower case, underscores and spaces as dashes. */
public final class AgentIds {

    private AgentIds() {
    }

    public static String of(AgentType type, String concept) {
        return (type.name() + "-" + concept).toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }
}
