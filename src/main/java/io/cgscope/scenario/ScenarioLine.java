package io.cgscope.scenario;

/** A step and the number of the line it was written on (the first line is 1). */
public record ScenarioLine(int number, Step step) {
}
