package com.chargeshare.failure;

/** The request carries content of a kind the server does not take (a photo that is not JPEG, PNG or WebP). */
public final class UnsupportedMediaType extends DomainFailure {

  public UnsupportedMediaType(String message) {
    super(message);
  }
}
