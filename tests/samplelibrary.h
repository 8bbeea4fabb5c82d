// SPDX-License-Identifier: MIT
#pragma once

// The sample story in a library file of its own, and the editor's steps that
// clear it for publication, shared by the export tests and the render
// benchmark.

#include "library.h"
#include "librarysetup.h"
#include "people.h"
#include "photorepository.h"
#include "storyrepository.h"

#include <QString>

#include <optional>

namespace SampleLibrary {

// Opens (creating) path with the sample story and makes the actor an editor
// named name. The story, or nothing with *error set.
inline std::optional<Story> open(Library *library, const QString &path, QString *error,
                                 const QString &editor = QStringLiteral("Eve Editor"))
{
    if (!LibrarySetup::openWithSample(library, path, error))
        return std::nullopt;
    PeopleRepository people(library);
    if (!people.findByName(editor) && !people.add(Person{.name = editor, .role = PersonRole::Editor})) {
        *error = people.errorString();
        return std::nullopt;
    }
    library->setActor(editor);
    std::optional<Story> story = StoryRepository(library).load(1);
    if (!story)
        *error = QStringLiteral("the sample story is missing");
    return story;
}

// Releases every photo of story, approves each caption and the story.
inline bool clearForPublication(Library *library, Story &story, QString *error)
{
    PhotoRepository photos(library);
    for (Photo photo : photos.photosOfStory(story.id)) {
        photo.releaseState = ReleaseState::Released;
        photo.releaseAuthority = QStringLiteral("Pentagon Press Operations");
        if (photos.save(photo) != PhotoRepository::SaveResult::Saved
            || photos.decideCaption(photo, CaptionApproval::Approved) != PhotoRepository::SaveResult::Saved) {
            *error = photos.errorString();
            return false;
        }
    }
    StoryRepository stories(library);
    if ((story.status == StoryStatus::Draft
         && stories.transition(story, WorkflowAction::Submit) != StoryRepository::SaveResult::Saved)
        || stories.transition(story, WorkflowAction::Approve) != StoryRepository::SaveResult::Saved) {
        *error = stories.errorString();
        return false;
    }
    return true;
}

} // namespace SampleLibrary
