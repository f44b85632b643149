/** The address of the enterprise's own profile form, for "complete your profile" links. */
export const editProfileHref = '/enterprise?tab=profile&edit=1';
