package com.chargeshare.loadtest;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "loadtest", mixinStandardHelpOptions = true, description = "Load test (being integrated).")
public final class LoadTestCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 2;
  }
}
