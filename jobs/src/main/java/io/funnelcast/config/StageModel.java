package io.funnelcast.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered ladder of lifecycle stages. Construction checks the references between stages, so a model
 * that exists is a consistent one.
 *
 * @param name the preset's name, or "inline"
 */
public record StageModel(String name, List<StageDefinition> stages) {

  public StageModel {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a stage model needs at least one stage");
    }
    Set<String> seen = new HashSet<>();
    for (StageDefinition stage : stages) {
      if (!seen.add(stage.name())) {
        throw new IllegalArgumentException("stage '" + stage.name() + "' is defined twice");
      }
    }
    List<String> names = stages.stream().map(StageDefinition::name).toList();
    for (int i = 0; i < stages.size(); i++) {
      StageDefinition stage = stages.get(i);
      if (stage.exit().isPresent()) {
        String to = stage.exit().get().toStage();
        int target = names.indexOf(to);
        if (target < 0) {
          throw new IllegalArgumentException("stage '" + stage.name() + "' exits to unknown stage '" + to
              + "'; stages are " + names);
        }
        if (target >= i) {
          throw new IllegalArgumentException("stage '" + stage.name() + "' exits to '" + to
              + "', which is not an earlier stage");
        }
      }
      if (stage.enter().afterStage().isPresent()) {
        String after = stage.enter().afterStage().get();
        int anchor = names.indexOf(after);
        if (anchor < 0) {
          throw new IllegalArgumentException("stage '" + stage.name() + "' counts after unknown stage '"
              + after + "'; stages are " + names);
        }
        if (anchor >= i) {
          throw new IllegalArgumentException("stage '" + stage.name() + "' counts after '" + after
              + "', which is not an earlier stage");
        }
      }
    }
  }

  public int size() {
    return stages.size();
  }

  public StageDefinition stage(int index) {
    return stages.get(index);
  }

  public int indexOf(String stageName) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name().equals(stageName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown stage '" + stageName + "'");
  }

  public List<String> stageNames() {
    List<String> names = new ArrayList<>();
    stages.forEach(stage -> names.add(stage.name()));
    return names;
  }
}
