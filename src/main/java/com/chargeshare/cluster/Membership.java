package com.chargeshare.cluster;

/** The view of the cluster that shard ownership needs: a fixed-per-node name, the member count and our place. */
public interface Membership {

  String name();

  int members();

  int index();

  void onMembershipChange(Runnable r);
}
