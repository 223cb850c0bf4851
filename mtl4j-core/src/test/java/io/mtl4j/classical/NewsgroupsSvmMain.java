package io.mtl4j.classical;

import java.util.List;

/** Explores MT-SVM on 20 Newsgroups: mean accuracy over seeds for a μ grid vs independent SVMs (a command). */
public final class NewsgroupsSvmMain {
  private NewsgroupsSvmMain() {}

  public static void main(String[] args) {
    double fraction = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    double c = args.length > 2 ? Double.parseDouble(args[2]) : 1;
    double[] mus = {0.03, 0.1, 0.3, 1, 3, 10, Double.POSITIVE_INFINITY};
    for (String pair : List.of("comp.vs.sci", "rec.vs.talk")) {
      MultiTaskData all = Newsgroups.load(pair);
      double[] acc = new double[mus.length];
      double indep = 0;
      for (int s = 0; s < seeds; s++) {
        MultiTaskData[] parts = all.randomSplit(fraction, s);
        for (int k = 0; k < mus.length; k++) {
          MultiTaskSVM f = new MultiTaskSVM(new MultiTaskSVM.Options(mus[k], c, MultiTaskSVM.Kernel.LINEAR, 1, 3, 0,
              100, 1e-3));
          acc[k] += TaskMetrics.of(f.fit(parts[0]), parts[1]).averageAccuracy() / seeds;
        }
        List<MultiTaskSVM.Model> ind = new MultiTaskSVM(new MultiTaskSVM.Options(1)).fitIndependent(parts[0]);
        double a = 0;
        for (int t = 0; t < 2; t++) {
          int right = 0;
          for (int i = 0; i < parts[1].rows(t); i++) {
            if ((ind.get(t).predict(t, parts[1].row(t, i)) >= 0 ? 1 : -1) == parts[1].y(t)[i]) right++;
          }
          a += (double) right / parts[1].rows(t) / 2;
        }
        indep += a / seeds;
      }
      StringBuilder sb = new StringBuilder(pair + " train " + fraction + " C " + c + ":");
      for (int k = 0; k < mus.length; k++) sb.append(String.format(" mu=%s %.4f", mus[k], acc[k]));
      sb.append(String.format(" independent %.4f", indep));
      System.out.println(sb);
    }
  }
}
